/* For the sanitizer build's site program alone. LeakSanitizer checks for leaks at exit
 * by stopping the process's threads with ptrace, which a setgid process run by another
 * user forbids (it ends with "LeakSanitizer has encountered a fatal error"); and the
 * sanitizers ignore ASAN_OPTIONS in a setgid process, so the check is turned off here,
 * in the program. Every other suite checks the same code for leaks. */
const char *__asan_default_options(void);

const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
