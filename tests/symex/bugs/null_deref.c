// Planted bug: the command table is filled from a list that forgot 'q';
// lookup() returns the NULL slot for 'q' and the caller dereferences it.
// BUG: mem
// LINE: 40
// WITNESS: "q"
#include <stdio.h>

struct cmd {
    char name;
    int weight;
};

static struct cmd cmds[26];
static struct cmd *table[26];

static void init(void)
{
    const char *known = "abcdefghijklmnoprstuvwxyz"; /* 'q' is missing */
    for (int i = 0; known[i]; i++) {
        cmds[i].name = known[i];
        cmds[i].weight = i + 1;
        table[known[i] - 'a'] = &cmds[i];
    }
}

/* NULL when c was never registered */
static struct cmd *lookup(int c)
{
    return table[c - 'a'];
}

int main(void)
{
    init();
    int total = 0, c;
    while ((c = getchar()) != EOF) {
        if (c < 'a' || c > 'z')
            continue;
        struct cmd *p = lookup(c);
        total += p->weight; /* <- BUG */
    }
    printf("%d\n", total);
    return 0;
}
