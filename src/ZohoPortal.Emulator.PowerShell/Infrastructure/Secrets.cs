using System.Security;

namespace ZohoPortal.Emulator.PowerShell
{
    /// <summary>SecureString construction for the demo client's credentials.</summary>
    internal static class Secrets
    {
        public static SecureString FromPlainText(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
