/* stdnoreturn.h - the noreturn spelling of _Noreturn. */
#ifndef _STDNORETURN_H
#define _STDNORETURN_H

#define noreturn _Noreturn

#endif
