/* A program written the way transformer-vm's examples are (an entry point
 * compute(input) and its runtime's helpers), to test bench/peers/peer_main.c
 * without the peer: "N name" greets name and prints N + length(name). */
void compute(const char *input) {
    int n = parse_int(input);
    const char *name = input;
    while (*name && *name != ' ') name++;
    if (*name) name++;
    print_str("Hi ");
    print_str(name);
    putchar(' ');
    print_int(n + str_len(name));
    printf(" %d%c\n", -n, '!');
}
