/* What the files of tests/multi_file share. */
#define TABLE_SIZE 6
extern int count;
extern const int table[TABLE_SIZE];
void bump(int by);
int total(void);
int twice(int x);
int apply(int (*f)(int), int x);
const char* last_name(void);
