/* lp's stand-in for the printing test that tells the effective group it ran with: a
 * shell script would not do, as a shell drops a set-group-id of its own accord and so
 * would hide whether the program did. Takes the job, writes the group to
 * $LP_GROUP_REPORT. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char job[4096];
    while (read(STDIN_FILENO, job, sizeof job) > 0)
        ;
    const char *report = getenv("LP_GROUP_REPORT");
    FILE *out = report ? fopen(report, "w") : NULL;
    if (!out)
        return 1;
    fprintf(out, "%d\n", (int)getegid());
    return fclose(out) != 0;
}
