// Planted bug: a command interpreter over one line of up to 12 bytes. Each word
// is looked up in a table with strncmp (a comment with memcmp, numbers byte by
// byte), at every position, so the paths multiply with each byte. "unlock!" (the
// 7th byte of a known command) forces the lock open, which the author believed
// is only ever typed while a key or a pushed level is held.
// BUG: assert
// LINE: 46
// INPUT-BYTES: 12
// WITNESS: "unlock!"
#include <assert.h>
#include <stdio.h>
#include <string.h>

static char line[13];
static const char *const commands[] = {"push", "pop", "key", "lock", "unlock", "dup", "swap", "print"};
enum { PUSH, POP, KEY, LOCK, UNLOCK, DUP, SWAP, PRINT, NCOMMANDS };

int main(void)
{
    int n = 0, c;
    while (n < 12 && (c = getchar()) != EOF && c != '\n')
        line[n++] = (char)c;
    line[n] = 0;

    int level = 0, count = 0, keys = 0, locked = 1;
    int i = 0;
    while (i < n) {
        const char *w = line + i;
        if (*w == ' ') { i++; continue; }
        if (memcmp(w, "//", 2) == 0)
            break;
        if (*w >= '0' && *w <= '9') { count = count * 10 + (*w - '0'); i++; continue; }
        int k = 0;
        while (k < NCOMMANDS && strncmp(w, commands[k], strlen(commands[k])) != 0)
            k++;
        switch (k) {
        case PUSH: level++; break;
        case POP: if (level > 0) level--; break;
        case KEY: keys++; break;
        case LOCK: locked = 1; break;
        case UNLOCK:
            if (keys > 0) { locked = 0; keys--; }
            if (w[6] == '!') {
                /* forced: meant to follow a key or a push */
                locked = 0;
                assert(keys > 0 || level > 0); /* <- BUG */
                i++;
            }
            break;
        case DUP: level *= 2; break;
        case SWAP: count = level; level = keys; keys = count; break;
        case PRINT: printf("%d\n", level); break;
        default: count += *w & 3; i++; continue;
        }
        i += (int)strlen(commands[k]);
    }
    printf("level %d count %d keys %d %s\n", level, count, keys, locked ? "locked" : "open");
    return 0;
}
