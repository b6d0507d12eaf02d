using System;

namespace ZohoPortal.Infrastructure
{
    /// <summary>A change needed confirmation in a host that cannot ask (ErrorId ConfirmationNotPossible).</summary>
    internal sealed class ConfirmationNotPossibleException : Exception
    {
        public ConfirmationNotPossibleException(Exception hostError)
            : base("This change needs confirmation, but this PowerShell host cannot prompt (" + hostError.Message.TrimEnd('.') + "), so nothing was changed.", hostError)
        {
        }
    }
}
