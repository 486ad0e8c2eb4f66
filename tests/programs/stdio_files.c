/* Files in memory (libc/src/files.c) against glibc's real files: fopen modes,
 * formatted and byte I/O, positions, push-back, tmpfile, remove, rename, and
 * freopen of stdout (its output checked through the exit code, since stdout is
 * the file by then). Names come from tmpnam, so nothing is left behind. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static char a[L_tmpnam], b[L_tmpnam];

static void dump(const char *label, const char *name)
{
    FILE *f = fopen(name, "r");
    int c;
    printf("%s: ", label);
    if (f == NULL) {
        printf("cannot open (errno %s)\n", errno == ENOENT ? "ENOENT" : "other");
        return;
    }
    while ((c = fgetc(f)) != EOF)
        putchar(c == '\n' ? '|' : c == 0 ? '0' : c);
    printf(" (eof %d error %d)\n", feof(f) != 0, ferror(f) != 0);
    fclose(f);
}

int main(void)
{
    FILE *f;
    int n, c, sum = 0;
    long v;
    char word[16], line[32];

    tmpnam(a);
    tmpnam(b);
    printf("distinct names: %d\n", strcmp(a, b) != 0);

    f = fopen(a, "w");
    printf("fprintf %d\n", fprintf(f, "%d %s %x\n", -42, "forty", 255u));
    n = fputs("second line\n", f) >= 0;
    c = fputc('Z', f);
    printf("fputs %d fputc %c\n", n, c);
    printf("fwrite %u\n", (unsigned)fwrite("\nxyz", 1, 4, f));
    c = fgetc(f);
    printf("reading a write-only stream: %d ferror %d\n", c, ferror(f) != 0);
    fclose(f);
    dump("after w", a);

    f = fopen(a, "a");
    fprintf(f, "+appended");
    fclose(f);
    dump("after a", a);

    f = fopen(a, "r");
    n = fscanf(f, "%ld %15s %x", &v, word, (unsigned *)&c);
    printf("fscanf %d: %ld %s %d\n", n, v, word, c);
    printf("tell %ld\n", ftell(f));
    fgetc(f);
    printf("fgets [%s]\n", fgets(line, sizeof line, f) ? line : "NULL");
    c = fgetc(f);
    n = ungetc(c, f);
    printf("ungetc %c, tell %ld", n, ftell(f));
    c = fgetc(f);
    printf(" -> %c, tell %ld\n", c, ftell(f));
    c = fputc('!', f);
    printf("writing a read-only stream: %d ferror %d\n", c, ferror(f) != 0);
    fseek(f, -3, SEEK_END);
    printf("last three [%s]\n", fgets(line, sizeof line, f));
    c = fgetc(f);
    printf("fgetc at end %d feof %d\n", c, feof(f) != 0);
    rewind(f);
    printf("after rewind feof %d", feof(f) != 0);
    printf(" first %c\n", fgetc(f));
    printf("fseek before start %d\n", fseek(f, -1, SEEK_SET));
    fclose(f);

    f = fopen(a, "r+");
    fseek(f, 4, SEEK_SET);
    fputs("FORTY", f);
    fseek(f, 0, SEEK_END);
    printf("size %ld\n", ftell(f));
    fseek(f, 3, SEEK_END);
    fputc('!', f);
    fclose(f);
    dump("after r+", a);

    f = fopen(a, "w+");
    fputs("fresh", f);
    rewind(f);
    n = fscanf(f, "%15s", word);
    printf("w+ read back %d: %s\n", n, word);
    fclose(f);

    printf("rename %d\n", rename(a, b));
    dump("old name", a);
    dump("new name", b);
    n = remove(b);
    printf("remove %d, again %d\n", n, remove(b));
    printf("r of a missing file: %s\n", fopen(b, "r") == NULL ? "NULL" : "a stream");
    f = fopen(b, "wx");
    printf("wx new %s, ", f != NULL ? "opened" : "NULL");
    fclose(f);
    printf("wx existing %s\n", fopen(b, "wx") == NULL ? "NULL" : "opened");
    remove(b);

    f = tmpfile();
    fwrite("abc", 1, 3, f);
    fseek(f, 6, SEEK_SET);
    fputc('q', f);
    rewind(f);
    n = (int)fread(line, 1, sizeof line, f);
    printf("tmpfile: %d bytes:", n);
    for (c = 0; c < n; c++)
        printf(" %d", line[c]);
    printf("\n");
    fclose(f);

    /* stdout into a file: the program's own output goes there, and the exit
     * code tells what the file holds. */
    f = freopen(a, "w", stdout);
    if (f != stdout)
        return 100;
    printf("%s-%d", "redirected", 7);
    puts(" and puts");
    putchar('!');
    fclose(f);
    f = fopen(a, "r");
    while ((c = fgetc(f)) != EOF)
        sum = (sum * 31 + c) % 251;
    fclose(f);
    remove(a);
    return sum;
}
