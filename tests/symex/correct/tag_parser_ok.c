// No bug: the tag tokenizer of bugs/parser_state.c with the unmatched closing
// tag handled (first 6 bytes only); the depth invariant always holds.
// BUG: none
#include <assert.h>
#include <stdio.h>

enum { TEXT, LT, NAME, SLASH, CLOSE };

static int is_letter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int main(void)
{
    int state = TEXT, depth = 0, errors = 0, c;
    for (int k = 0; k < 6 && (c = getchar()) != EOF; k++) {
        switch (state) {
        case TEXT:
            if (c == '<') state = LT;
            break;
        case LT:
            if (c == '/') state = SLASH;
            else state = is_letter(c) ? NAME : TEXT;
            break;
        case NAME:
            if (c == '>') { depth++; state = TEXT; }
            else if (!is_letter(c)) state = TEXT;
            break;
        case SLASH:
            state = is_letter(c) ? CLOSE : TEXT;
            break;
        case CLOSE:
            if (c == '>') {
                if (depth > 0) depth--;
                else errors++;
                state = TEXT;
            } else if (!is_letter(c)) {
                state = TEXT;
            }
            break;
        }
        assert(depth >= 0);
        assert(state >= TEXT && state <= CLOSE);
    }
    printf("depth=%d errors=%d\n", depth, errors);
    return 0;
}
