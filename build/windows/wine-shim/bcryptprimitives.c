/*
 * bcryptprimitives.c - stand-in for Windows' bcryptprimitives.dll, used only
 * to run ChurnDesk's Windows build under Wine in the package smoke test.
 *
 * Go 1.22 and newer fill their random numbers from ProcessPrng, which Windows
 * 10 exports from bcryptprimitives.dll. Wine 8 (Debian 12) has no such DLL,
 * so every Go program stops at start-up. This one exports ProcessPrng and
 * takes the bytes from BCryptGenRandom with the system-preferred generator,
 * which Wine does provide. It is never shipped to users.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}
