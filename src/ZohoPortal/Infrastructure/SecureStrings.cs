using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ZohoPortal.Infrastructure
{
    internal static class SecureStrings
    {
        /// <summary>Reads a SecureString at the last moment, for the credential that needs it; the copy never reaches a stream.</summary>
        public static string ToPlainText(SecureString? value)
        {
            if (value == null) return string.Empty;
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        public static SecureString FromPlainText(string value)
        {
            var secure = new SecureString();
            foreach (var c in value) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
