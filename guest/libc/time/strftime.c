/* strftime: the POSIX conversions in the C locale, UTC ("UTC" for %Z). */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                   "Friday", "Saturday"};
static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};

size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
    size_t n = 0;
    char buf[64];
    for (; *fmt; fmt++) {
        const char *add = buf;
        if (*fmt != '%') {
            buf[0] = *fmt;
            buf[1] = 0;
        } else {
            switch (*++fmt) {
            case 'a': snprintf(buf, sizeof buf, "%.3s", days[(unsigned) tm->tm_wday % 7]); break;
            case 'A': add = days[(unsigned) tm->tm_wday % 7]; break;
            case 'b': case 'h': snprintf(buf, sizeof buf, "%.3s", months[(unsigned) tm->tm_mon % 12]); break;
            case 'B': add = months[(unsigned) tm->tm_mon % 12]; break;
            case 'c': {
                struct tm t = *tm;
                strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &t);
                break;
            }
            case 'C': snprintf(buf, sizeof buf, "%02d", (tm->tm_year + 1900) / 100); break;
            case 'd': snprintf(buf, sizeof buf, "%02d", tm->tm_mday); break;
            case 'D': snprintf(buf, sizeof buf, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday, tm->tm_year % 100); break;
            case 'e': snprintf(buf, sizeof buf, "%2d", tm->tm_mday); break;
            case 'F': snprintf(buf, sizeof buf, "%d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday); break;
            case 'H': snprintf(buf, sizeof buf, "%02d", tm->tm_hour); break;
            case 'I': snprintf(buf, sizeof buf, "%02d", tm->tm_hour % 12 ? tm->tm_hour % 12 : 12); break;
            case 'j': snprintf(buf, sizeof buf, "%03d", tm->tm_yday + 1); break;
            case 'm': snprintf(buf, sizeof buf, "%02d", tm->tm_mon + 1); break;
            case 'M': snprintf(buf, sizeof buf, "%02d", tm->tm_min); break;
            case 'n': add = "\n"; break;
            case 'p': add = tm->tm_hour < 12 ? "AM" : "PM"; break;
            case 'r': snprintf(buf, sizeof buf, "%02d:%02d:%02d %s", tm->tm_hour % 12 ? tm->tm_hour % 12 : 12, tm->tm_min, tm->tm_sec, tm->tm_hour < 12 ? "AM" : "PM"); break;
            case 'R': snprintf(buf, sizeof buf, "%02d:%02d", tm->tm_hour, tm->tm_min); break;
            case 'S': snprintf(buf, sizeof buf, "%02d", tm->tm_sec); break;
            case 't': add = "\t"; break;
            case 'T': snprintf(buf, sizeof buf, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
            case 'u': snprintf(buf, sizeof buf, "%d", tm->tm_wday ? tm->tm_wday : 7); break;
            case 'w': snprintf(buf, sizeof buf, "%d", tm->tm_wday); break;
            case 'x': snprintf(buf, sizeof buf, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday, tm->tm_year % 100); break;
            case 'X': snprintf(buf, sizeof buf, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
            case 'y': snprintf(buf, sizeof buf, "%02d", tm->tm_year % 100); break;
            case 'Y': snprintf(buf, sizeof buf, "%d", tm->tm_year + 1900); break;
            case 'z': add = "+0000"; break;
            case 'Z': add = "UTC"; break;
            case '%': add = "%"; break;
            case 0: fmt--; add = ""; break;
            default: snprintf(buf, sizeof buf, "%%%c", *fmt); break;
            }
        }
        {
            size_t k = strlen(add);
            if (n + k >= max)
                return 0;
            memcpy(s + n, add, k);
            n += k;
        }
    }
    if (n >= max)
        return 0;
    s[n] = 0;
    return n;
}
