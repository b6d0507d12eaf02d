namespace ZohoPortal.Core.Auth
{
    /// <summary>Zoho data centres that host CRM (table 5.1 of the API reference).</summary>
    public enum ZohoDataCenter
    {
        /// <summary>United States (zoho.com).</summary>
        US,
        /// <summary>European Union (zoho.eu).</summary>
        EU,
        /// <summary>India (zoho.in).</summary>
        IN,
        /// <summary>Australia (zoho.com.au).</summary>
        AU,
        /// <summary>Japan (zoho.jp).</summary>
        JP,
        /// <summary>Canada (zohocloud.ca).</summary>
        CA,
        /// <summary>Saudi Arabia (zoho.sa).</summary>
        SA,
        /// <summary>China (zoho.com.cn).</summary>
        CN,
    }

    /// <summary>The CRM environment an org lives in; each has its own API host and its own tokens.</summary>
    public enum ZohoEnvironment
    {
        /// <summary>The live org.</summary>
        Production,
        /// <summary>A sandbox org. Zoho rejects every portal call there with API_NOT_SUPPORTED.</summary>
        Sandbox,
        /// <summary>A developer-edition org.</summary>
        Developer,
    }
}
