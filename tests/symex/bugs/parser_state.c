// Planted bug: a tiny tag tokenizer. A closing tag with no open tag (rare
// state CLOSE with depth 0) was assumed impossible.
// BUG: assert
// LINE: 36
// WITNESS: "</b>"
#include <assert.h>
#include <stdio.h>

enum { TEXT, LT, NAME, SLASH, CLOSE };

static int is_letter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int main(void)
{
    int state = TEXT, depth = 0, text = 0, c;
    while ((c = getchar()) != EOF) {
        switch (state) {
        case TEXT:
            if (c == '<') state = LT;
            else text++;
            break;
        case LT:
            if (c == '/') state = SLASH;
            else if (is_letter(c)) state = NAME;
            else { state = TEXT; text += 2; }
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
                assert(depth > 0); /* <- BUG */
                depth--;
                state = TEXT;
            } else if (!is_letter(c)) {
                state = TEXT;
            }
            break;
        }
    }
    printf("text=%d depth=%d\n", text, depth);
    return 0;
}
