using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using ZohoPortal.Core.Errors;

namespace ZohoPortal.Core.Http.Pipeline
{
    /// <summary>Turns what the transport threw into an <see cref="AttemptFailure"/>.</summary>
    internal static class TransportFailures
    {
        public static bool IsTransportFailure(Exception e) =>
            e is HttpRequestException || e is IOException || e is AttemptTimedOutException || e is SilentResendRefusedException || e is ObjectDisposedException;

        public static AttemptFailure Classify(Exception e, PipelineContext context, Redactor redactor)
        {
            if (e is AttemptTimedOutException timedOut)
                return new AttemptFailure(FailureKind.TimedOut, new ZohoTransportException(context.Display + " got no answer within "
                    + timedOut.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s.", null));
            var started = context.LastContent?.Started ?? false;
            var kind = IsConnectFailure(e) && !started ? FailureKind.NotSent : FailureKind.Lost;
            return new AttemptFailure(kind, new ZohoTransportException(context.Display + " failed: " + redactor.Redact(Innermost(e).Message), null));
        }

        /// <summary>The connection was never made, so the request cannot have reached anyone.</summary>
        private static bool IsConnectFailure(Exception e)
        {
            for (var current = e; current != null; current = current.InnerException)
            {
                if (current is SilentResendRefusedException) return false;
                if (current is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                            return true;
                    }
                }
            }
            return false;
        }

        public static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }

    /// <summary>The per-attempt timeout elapsed.</summary>
    internal sealed class AttemptTimedOutException : Exception
    {
        public AttemptTimedOutException(TimeSpan timeout) : base("No answer within " + timeout + ".") => Timeout = timeout;
        public TimeSpan Timeout { get; }
    }
}
