/* The smallest libc the C front end fuzz target compiles against: nothing but the
   machine's builtins (declared by the compiler's lowering), so that an input's compile
   costs milliseconds. */
int __c2w_minimal_libc_marker;
