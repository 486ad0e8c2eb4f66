// EXPECT: error: the program has no main function
int helper(int x) { return x + 1; }
