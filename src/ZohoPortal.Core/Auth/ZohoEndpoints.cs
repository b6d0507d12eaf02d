using System;

namespace ZohoPortal.Core.Auth
{
    /// <summary>Maps a data centre and environment to Zoho's accounts server and API host.</summary>
    public static class ZohoEndpoints
    {
        /// <summary>The OAuth (accounts) server of a data centre.</summary>
        public static Uri GetAccountsUrl(ZohoDataCenter dataCenter)
        {
            switch (dataCenter)
            {
                case ZohoDataCenter.US: return new Uri("https://accounts.zoho.com");
                case ZohoDataCenter.EU: return new Uri("https://accounts.zoho.eu");
                case ZohoDataCenter.IN: return new Uri("https://accounts.zoho.in");
                case ZohoDataCenter.AU: return new Uri("https://accounts.zoho.com.au");
                case ZohoDataCenter.JP: return new Uri("https://accounts.zoho.jp");
                case ZohoDataCenter.CA: return new Uri("https://accounts.zohocloud.ca");
                case ZohoDataCenter.SA: return new Uri("https://accounts.zoho.sa");
                case ZohoDataCenter.CN: return new Uri("https://accounts.zoho.com.cn");
                default: throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown data centre.");
            }
        }

        /// <summary>The CRM API host of a data centre and environment.</summary>
        public static Uri GetApiUrl(ZohoDataCenter dataCenter, ZohoEnvironment environment)
        {
            string prefix;
            switch (environment)
            {
                case ZohoEnvironment.Production: prefix = "www"; break;
                case ZohoEnvironment.Sandbox: prefix = "sandbox"; break;
                case ZohoEnvironment.Developer: prefix = "developer"; break;
                default: throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown environment.");
            }
            return new Uri("https://" + prefix + ".zohoapis." + ApiDomainSuffix(dataCenter));
        }

        private static string ApiDomainSuffix(ZohoDataCenter dataCenter)
        {
            switch (dataCenter)
            {
                case ZohoDataCenter.US: return "com";
                case ZohoDataCenter.EU: return "eu";
                case ZohoDataCenter.IN: return "in";
                case ZohoDataCenter.AU: return "com.au";
                case ZohoDataCenter.JP: return "jp";
                case ZohoDataCenter.CA: return "ca";
                case ZohoDataCenter.SA: return "sa";
                case ZohoDataCenter.CN: return "com.cn";
                default: throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown data centre.");
            }
        }
    }
}
