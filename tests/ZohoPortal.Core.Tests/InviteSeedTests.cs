using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using ZohoPortal.Core.Auth;
using ZohoPortal.Core.Http;
using ZohoPortal.Core.Models;
using ZohoPortal.Emulator;

namespace ZohoPortal.Core.Tests;

/// <summary>Seed 000 (bulk-invite job status): its sample answers parse field by field, and the emulator reproduces them.</summary>
public sealed class InviteSeedTests
{
    internal const string SingleJobSample = """
        {
            "portal_invite": [
                {
                    "data": [
                        {
                            "details": {
                                "id": "5020928000001843001"
                            },
                            "code": "SUCCESS",
                            "message": "An Invite has been sent to the personality.",
                            "status": "success"
                        }
                    ],
                    "job_id": "5020928000002387017",
                    "status": "completed"
                }
            ]
        }
        """;

    internal const string AllJobsSample = """
        {
            "portal_invite": [
                {
                    "data": [
                        {
                            "details": {
                                "id": "5020928000002121016"
                            },
                            "code": "SUCCESS",
                            "message": "An Invite has been sent to the personality.",
                            "status": "success"
                        }
                    ],
                    "job_id": "5020928000002387005",
                    "status": "completed"
                },
                {
                    "data": [
                        {
                            "details": {},
                            "code": "CANNOT_PROCESS",
                            "message": "Invalid type for the portal invite",
                            "status": "error"
                        }
                    ],
                    "job_id": "5020928000002387007",
                    "status": "completed"
                },
                {
                    "data": [
                        {
                            "details": {
                                "id": "5020928000002121016"
                            },
                            "code": "SUCCESS",
                            "message": "Invite has been resent to personality",
                            "status": "success"
                        }
                    ],
                    "job_id": "5020928000002387013",
                    "status": "completed"
                },
                {
                    "data": [
                        {
                            "details": {
                                "id": "5020928000000621005"
                            },
                            "code": "SUCCESS",
                            "message": "An Invite has been sent to the personality.",
                            "status": "success"
                        },
                        {
                            "details": {
                                "id": "5020928000000606073"
                            },
                            "code": "SUCCESS",
                            "message": "An Invite has been sent to the personality.",
                            "status": "success"
                        },
                        {
                            "details": {
                                "id": "5020928000000544003"
                            },
                            "code": "SUCCESS",
                            "message": "An Invite has been sent to the personality.",
                            "status": "success"
                        },
                        {
                            "details": {
                                "id": "5020928000000523039"
                            },
                            "code": "SUCCESS",
                            "message": "An Invite has been sent to the personality.",
                            "status": "success"
                        }
                    ],
                    "job_id": "5020928000002387021",
                    "status": "completed"
                }
            ]
        }
        """;

    private const string Sent = "An Invite has been sent to the personality.";

    [Fact]
    public async Task SingleJobSample_ParsesFieldByField()
    {
        using var canned = new CannedApi(200, SingleJobSample);
        var job = await canned.Client.GetInviteJobAsync("Contacts", "5020928000002387017");

        Assert.Equal("/crm/v8/Contacts/actions/portal_invite?job_id=5020928000002387017", Assert.Single(canned.Requests));
        Assert.NotNull(job);
        Assert.Equal("5020928000002387017", job!.JobId);
        Assert.Equal("Contacts", job.Module);
        Assert.Equal("completed", job.Status);
        Assert.True(job.IsCompleted);
        var result = Assert.Single(job.Results!);
        AssertResult(result, "5020928000001843001", "SUCCESS", "success", Sent, "5020928000002387017");
        Assert.Equal(1, job.SuccessCount);
        Assert.Equal(0, job.ErrorCount);
    }

    [Fact]
    public async Task AllJobsSample_ParsesFourJobsFieldByField()
    {
        using var canned = new CannedApi(200, AllJobsSample);
        var jobs = await canned.Client.GetInviteJobsAsync("Contacts");

        Assert.Equal("/crm/v8/Contacts/actions/portal_invite", Assert.Single(canned.Requests));
        Assert.Equal(new[] { "5020928000002387005", "5020928000002387007", "5020928000002387013", "5020928000002387021" }, jobs.Select(j => j.JobId));
        Assert.All(jobs, j => { Assert.Equal("completed", j.Status); Assert.True(j.IsCompleted); Assert.Equal("Contacts", j.Module); });

        AssertResult(Assert.Single(jobs[0].Results!), "5020928000002121016", "SUCCESS", "success", Sent, "5020928000002387005");

        var error = Assert.Single(jobs[1].Results!);
        AssertResult(error, null, "CANNOT_PROCESS", "error", "Invalid type for the portal invite", "5020928000002387007");
        Assert.Empty(error.Details);
        Assert.False(error.IsSuccess);
        Assert.Equal(1, jobs[1].ErrorCount);

        AssertResult(Assert.Single(jobs[2].Results!), "5020928000002121016", "SUCCESS", "success", "Invite has been resent to personality", "5020928000002387013");

        var four = jobs[3].Results!;
        Assert.Equal(new[] { "5020928000000621005", "5020928000000606073", "5020928000000544003", "5020928000000523039" }, four.Select(r => r.RecordId));
        Assert.All(four, r => AssertResult(r, r.RecordId, "SUCCESS", "success", Sent, "5020928000002387021"));
        Assert.Equal(4, jobs[3].RecordCount);
        Assert.Equal(4, jobs[3].SuccessCount);
    }

    [Fact]
    public async Task InProgressJob_HasNoResultsYet()
    {
        using var canned = new CannedApi(200, """{"portal_invite":[{"data":null,"job_id":"5020928000002387017","status":"in_progress"}]}""");
        var job = await canned.Client.GetInviteJobAsync("Contacts", "5020928000002387017");
        Assert.Equal("in_progress", job!.Status);
        Assert.False(job.IsCompleted);
        Assert.Null(job.Results);
    }

    [Fact]
    public async Task UnknownJob_204_IsNull()
    {
        using var canned = new CannedApi(204, "");
        Assert.Null(await canned.Client.GetInviteJobAsync("Contacts", "999"));
        Assert.Empty(await canned.Client.GetInviteJobsAsync("Contacts"));
    }

    [Fact]
    public async Task Emulator_ReproducesTheAllJobsSample()
    {
        using var org = new EmulatedOrg();
        var customers = (await org.Client.GetUserTypesAsync("ZylkerAutos")).Single(t => t.Default);
        var a = org.Emulator.Org.AddRecord("Seed A", "seed.a@example.com").Id;
        var b = org.Emulator.Org.AddRecord("Seed B", "seed.b@example.com").Id;
        var four = Enumerable.Range(0, 4).Select(i => org.Emulator.Org.AddRecord("Seed " + i, "seed" + i + "@example.com").Id).ToList();

        var job1 = await SingleJob(org, [a], customers.Id, "invite");
        var job2 = await SingleJob(org, [b], customers.Id, "subscribe");
        var job3 = await SingleJob(org, [a], customers.Id, "reinvite");
        var job4 = await SingleJob(org, four, customers.Id, "invite");

        var body = await org.Client.Http.SendAsync(new ZohoRequest(HttpMethod.Get, "/Contacts/actions/portal_invite"), r => r.Body, default);

        var expected = AllJobsSample
            .Replace("5020928000002121016", a)
            .Replace("5020928000000621005", four[0]).Replace("5020928000000606073", four[1])
            .Replace("5020928000000544003", four[2]).Replace("5020928000000523039", four[3])
            .Replace("5020928000002387005", job1).Replace("5020928000002387007", job2)
            .Replace("5020928000002387013", job3).Replace("5020928000002387021", job4);
        Assert.Equal(Compact(expected), Compact(body));
    }

    [Fact]
    public async Task Emulator_ReproducesTheSingleJobSample()
    {
        using var org = new EmulatedOrg();
        var customers = (await org.Client.GetUserTypesAsync("ZylkerAutos")).Single(t => t.Default);
        var record = org.Emulator.Org.AddRecord("Seed A", "seed.a@example.com").Id;
        var jobId = await SingleJob(org, [record], customers.Id, "invite");

        var request = new ZohoRequest(HttpMethod.Get, "/Contacts/actions/portal_invite").AddQuery("job_id", jobId);
        var body = await org.Client.Http.SendAsync(request, r => r.Body, default);

        var expected = SingleJobSample.Replace("5020928000001843001", record).Replace("5020928000002387017", jobId);
        Assert.Equal(Compact(expected), Compact(body));
    }

    /// <summary>Sends a bulk invite as raw JSON (so a type the client refuses can be sent) and returns its job id.</summary>
    private static async Task<string> SingleJob(EmulatedOrg org, IEnumerable<string> ids, string userTypeId, string type)
    {
        var data = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["user_type_id"] = userTypeId, ["type"] = type }).ToArray());
        var body = new JsonObject { ["portal_invite"] = new JsonArray(new JsonObject { ["data"] = data }) };
        var request = new ZohoRequest(HttpMethod.Post, "/Contacts/actions/portal_invite") { JsonBody = body.ToJsonString() };
        var answer = await org.Client.Http.SendAsync(request, r => JsonNode.Parse(r.Body)!, default);
        var item = answer["portal_invite"]![0]!;
        Assert.Equal("SCHEDULED", (string?)item["code"]);
        Assert.Equal("Portal bulk invite scheduled successfully", (string?)item["message"]);
        return (string)item["details"]!["job_id"]!;
    }

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    private static void AssertResult(PortalInviteResult result, string? recordId, string code, string status, string message, string jobId)
    {
        Assert.Equal(recordId, result.RecordId);
        Assert.Equal(code, result.Code);
        Assert.Equal(status, result.Status);
        Assert.Equal(message, result.Message);
        Assert.Equal(jobId, result.JobId);
        Assert.Equal("Contacts", result.Module);
        Assert.Equal(status == "success", result.IsSuccess);
    }

    /// <summary>A client whose every API call gets one canned answer (with a given access token, so no token call is made).</summary>
    private sealed class CannedApi : IDisposable
    {
        public CannedApi(int status, string body)
        {
            var handler = new Handler(status, body, Requests);
            Client = new ZohoPortalClient(new ZohoConnectionOptions
            {
                Transport = handler,
                ApiBaseUrl = new Uri("https://canned.example"),
                Clock = new FakeClock(),
            }, new AccessTokenCredential("1000.canned-token"));
        }

        public List<string> Requests { get; } = new();
        public ZohoPortalClient Client { get; }
        public void Dispose() => Client.Dispose();

        private sealed class Handler(int status, string body, List<string> requests) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (requests) requests.Add(request.RequestUri!.PathAndQuery);
                return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            }
        }
    }
}
