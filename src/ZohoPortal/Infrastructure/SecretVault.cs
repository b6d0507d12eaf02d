using System;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// Reads and stores secrets through whatever Get-Secret / Set-Secret the session can find
    /// (Microsoft.PowerShell.SecretManagement, normally; loaded by the engine's module autoloading).
    /// A soft dependency: nothing is bundled or referenced, and without the commands a clear error
    /// says what to install. Runs on the pipeline thread, through the engine, like a script would.
    /// </summary>
    internal static class SecretVault
    {
        private const string InstallAdvice = "Install-Module Microsoft.PowerShell.SecretManagement (and a vault extension such as Microsoft.PowerShell.SecretStore or Az.KeyVault), register a vault with Register-SecretVault, then run Connect-ZohoPortal again.";

        /// <summary>The secret named <paramref name="name"/>: a SecureString or a PSCredential.</summary>
        public static object Get(PSCmdlet cmdlet, string name, string? vault)
        {
            Require(cmdlet, "Get-Secret");
            var script = ScriptBlock.Create("param($n, $v) $ErrorActionPreference = 'Stop'; if ($v) { Get-Secret -Name $n -Vault $v } else { Get-Secret -Name $n }");
            object? value;
            try
            {
                value = cmdlet.InvokeCommand.InvokeScript(false, script, null, name, vault).Select(o => o?.BaseObject).FirstOrDefault(o => o != null);
            }
            catch (RuntimeException e)
            {
                throw new ZohoPortalCmdletException("SecretNotRead", ErrorCategory.ReadError,
                    "Get-Secret could not read the secret '" + name + "'" + InVault(vault) + ": " + e.Message, name,
                    "Check the secret's name and vault with Get-SecretInfo.");
            }
            if (value is string plain) return SecureStrings.FromPlainText(plain);
            if (value is SecureString || value is PSCredential) return value;
            throw new ZohoPortalCmdletException("SecretOfWrongType", ErrorCategory.InvalidType,
                "The secret '" + name + "'" + InVault(vault) + " is " + (value == null ? "empty" : "a " + value.GetType().Name)
                + "; ZohoPortal reads a SecureString (a refresh token) or a PSCredential (client id and secret).", name);
        }

        /// <summary>Stores <paramref name="secret"/> under <paramref name="name"/>, replacing what was there.</summary>
        public static void Set(PSCmdlet cmdlet, string name, string? vault, object secret)
        {
            Require(cmdlet, "Set-Secret");
            var script = ScriptBlock.Create("param($n, $v, $s) $ErrorActionPreference = 'Stop'; if ($v) { Set-Secret -Name $n -Vault $v -Secret $s } else { Set-Secret -Name $n -Secret $s }");
            try
            {
                cmdlet.InvokeCommand.InvokeScript(false, script, null, name, vault, secret);
            }
            catch (RuntimeException e)
            {
                throw new ZohoPortalCmdletException("SecretNotStored", ErrorCategory.WriteError,
                    "Connected, but Set-Secret could not store the refresh token as '" + name + "'" + InVault(vault) + ": " + e.Message, name,
                    "The connection works for this session; fix the vault and connect again to store the token.");
            }
        }

        private static void Require(PSCmdlet cmdlet, string command)
        {
            if (cmdlet.InvokeCommand.GetCommand(command, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
                throw new ZohoPortalCmdletException("SecretManagementNotFound", ErrorCategory.NotInstalled,
                    command + " is not available: reading or storing secrets in a vault needs the SecretManagement module.", command, InstallAdvice);
        }

        private static string InVault(string? vault) => string.IsNullOrEmpty(vault) ? " (default vault)" : " in vault '" + vault + "'";
    }
}
