// A gate that prints "access granted" for one 4-byte password; symex must find
// the input that reaches the grant line and the input that prints the message.
// REACH: 19
// WANT: access granted
// WITNESS: "pw42"
#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[5] = {0};
    int n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        buf[n++] = (char)c;
    unsigned key = 0;
    for (int i = 0; i < 4; i++)
        key = key * 31 + (unsigned char)buf[i];
    if (strcmp(buf, "pw42") == 0 && key != 0) {
        printf("access granted (key %u)\n", key);
        return 0;
    }
    puts("denied");
    return 1;
}
