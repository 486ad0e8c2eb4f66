int mystery(int);
int (*fp)(int) = mystery;
int main(void) { int (*g)(int) = mystery; return fp(1) + g(2); }
