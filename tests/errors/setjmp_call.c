// EXPECT: setjmp_call.c:5:22: error: setjmp/longjmp are not supported by c2w
typedef int jmp_buf[6];
int setjmp(jmp_buf env);
jmp_buf env;
int main(void) { if (setjmp(env)) return 1; return 0; }
