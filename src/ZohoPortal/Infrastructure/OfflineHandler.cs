using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZohoPortal.Infrastructure
{
    /// <summary>
    /// The transport of an offline connection (made for mocks): every request is answered here, at
    /// once, with a 400 error in Zoho's shape, so nothing is retried and nothing leaves the machine.
    /// </summary>
    internal sealed class OfflineHandler : HttpMessageHandler
    {
        private const string Answer =
            "{\"code\":\"OFFLINE_CONNECTION\",\"details\":{},\"message\":\"This connection was made with [ZohoPortal.ZohoPortalConnection]::new() for tests and mocks and sends no request; connect with Connect-ZohoPortal.\",\"status\":\"error\"}";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent(Answer, Encoding.UTF8, "application/json"),
            });
    }
}
