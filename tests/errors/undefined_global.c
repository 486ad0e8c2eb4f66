// EXPECT: error: undefined global variable 'counter'
extern int counter;
int main(void) { return counter; }
