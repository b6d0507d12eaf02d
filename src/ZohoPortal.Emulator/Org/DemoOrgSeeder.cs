using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ZohoPortal.Emulator.Org
{
    /// <summary>
    /// Builds the demo org: CRM modules with layouts, views and fields (including the ids used by
    /// the seed documents, so their sample requests work verbatim), contacts to invite, a portal
    /// with its default user type and a second type, and existing portal users.
    /// </summary>
    internal static class DemoOrgSeeder
    {
        private static readonly string[] FirstNames =
        {
            "Ava", "Liam", "Maya", "Noah", "Zara", "Omar", "Iris", "Leo", "Nina", "Ravi",
            "Sofia", "Ethan", "Hana", "Lucas", "Priya", "Mateo", "Chloe", "Arjun", "Elena", "Kenji",
        };

        private static readonly string[] LastNames =
        {
            "Boyle", "Chen", "Garcia", "Iyer", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel",
            "Quinn", "Rossi", "Schmidt", "Tanaka", "Umar", "Varga", "Walsh", "Xu", "Young", "Zimmer",
        };

        public static void Seed(OrgState org, EmulatorSeed seed, DateTimeOffset now)
        {
            seed.Validate();
            org.Ids.UsePrefix(seed.IdPrefix);
            AddModules(org);
            if (seed.IdPrefix != EmulatorSeed.DefaultIdPrefix) Reprefix(org, seed.IdPrefix);

            for (var i = 0; i < seed.ContactCount; i++)
            {
                var record = NewContact(org, i);
                if (i % 25 == 24) record.Email = null; // some CRM contacts have no email and cannot be invited
                org.Records[record.Id] = record;
            }

            if (string.IsNullOrEmpty(seed.PortalName)) return;
            CreatePortal(org, seed.PortalName!, now);
            if (seed.CustomUserTypes) org.AddUserType(NewUserType(org, "Partners", isDefault: false, now));

            var serial = seed.ContactCount;
            var seeded = new List<PortalUserState>();
            foreach (var type in org.UserTypes)
            {
                for (var i = 0; i < seed.UsersPerUserType; i++, serial++)
                {
                    var record = NewContact(org, serial);
                    org.Records[record.Id] = record;
                    var active = i % 10 != 9 && i % 7 == 6 ? false : true;
                    seeded.Add(new PortalUserState
                    {
                        PersonalityId = record.Id,
                        Module = record.Module,
                        Name = record.Name,
                        Email = record.Email,
                        UserTypeId = type.Id,
                        Confirmed = i % 10 != 9,
                        Active = active,
                        // Deactivated users carry a reason, so the list's status_reason__s filter has something to match.
                        StatusReason = active ? null : i % 2 == 0 ? "disabled on updation of email" : "deactivated by admin",
                        InvitedTime = now.AddDays(-(i % 300)).AddMinutes(-i),
                    });
                }
            }
            org.AddUsers(seeded);
        }

        /// <summary>Creates the portal and its default user type (zoho-api.md "Portals").</summary>
        internal static void CreatePortal(OrgState org, string name, DateTimeOffset now)
        {
            org.Portal = new PortalState
            {
                Name = name,
                Active = true,
                Zaid = "10" + org.Ids.Next().Substring(10, 6) + "10",
                CreatedTime = now,
                ModifiedTime = now,
            };
            org.TakenPortalNames.Add(name);
            org.AddUserType(NewUserType(org, "Customers", isDefault: true, now));
        }

        private static UserTypeState NewUserType(OrgState org, string name, bool isDefault, DateTimeOffset now)
        {
            var contacts = org.Modules["Contacts"];
            var notes = org.Modules["Notes"];
            return new UserTypeState
            {
                Id = org.Ids.Next(),
                Name = name,
                Default = isDefault,
                Active = true,
                PersonalityModule = contacts.ApiName,
                CreatedTime = now,
                ModifiedTime = now,
                Modules = new JsonArray
                {
                    new JsonObject
                    {
                        ["id"] = contacts.Id,
                        ["api_name"] = contacts.ApiName,
                        ["plural_label"] = contacts.PluralLabel,
                        ["shared_type"] = contacts.SharedType,
                        ["permissions"] = new JsonObject { ["view"] = true, ["edit"] = true, ["edit_shared_records"] = false, ["create"] = false, ["delete"] = false },
                        ["filters"] = null,
                        ["layouts"] = new JsonArray { contacts.Layouts[0].ToUserTypeJson() },
                        ["views"] = contacts.Views[0].ToJson(),
                        ["fields"] = new JsonArray(),
                    },
                    new JsonObject
                    {
                        ["id"] = notes.Id,
                        ["api_name"] = notes.ApiName,
                        ["plural_label"] = notes.PluralLabel,
                        ["shared_type"] = notes.SharedType,
                        ["permissions"] = new JsonObject { ["view"] = true, ["create"] = true, ["delete"] = false, ["create_attachment"] = false, ["delete_attachment"] = false },
                        ["filters"] = null,
                        ["layouts"] = null,
                        ["views"] = null,
                        ["fields"] = new JsonArray(),
                    },
                },
            };
        }

        private static CrmRecord NewContact(OrgState org, int serial)
        {
            var first = FirstNames[serial % FirstNames.Length];
            var last = LastNames[(serial / FirstNames.Length) % LastNames.Length];
            return new CrmRecord
            {
                Id = org.Ids.Next(),
                Module = "Contacts",
                Name = first + " " + last,
                Email = (first + "." + last + "." + serial).ToLowerInvariant() + "@example.com",
            };
        }

        /// <summary>Gives every module, layout, view and field of the org ids under another prefix (same names, different ids).</summary>
        private static void Reprefix(OrgState org, string prefix)
        {
            string Id(string id) => id.StartsWith(EmulatorSeed.DefaultIdPrefix, StringComparison.Ordinal) ? prefix + id.Substring(EmulatorSeed.DefaultIdPrefix.Length) : id;
            foreach (var module in org.Modules.Values)
            {
                module.Id = Id(module.Id);
                foreach (var layout in module.Layouts)
                {
                    layout.Id = Id(layout.Id);
                    if (layout.DefaultView != null) layout.DefaultView.Id = Id(layout.DefaultView.Id);
                }
                foreach (var view in module.Views) view.Id = Id(view.Id);
                foreach (var field in module.Fields) field.Id = Id(field.Id);
                foreach (var field in module.Filters) field.Id = Id(field.Id);
            }
        }

        private static void AddModules(OrgState org)
        {
            var contacts = new CrmModule { Id = "1306462000000000081", ApiName = "Contacts", PluralLabel = "Contacts", SharedType = "private", CanBePersonality = true };
            contacts.Layouts.Add(new CrmLayout { Id = "1306462000000091055", Name = "Standard", DisplayLabel = "Standard" });
            contacts.Views.Add(new CrmView { Id = "1306462000000091500", Name = "All Contacts", DisplayLabel = "All Contacts", Type = "custom_view" });
            contacts.Views.Add(new CrmView { Id = "1306462000000091502", Name = "My Contact Card", DisplayLabel = "My Contact Card", Type = "canvas_view" });
            contacts.Fields.Add(new CrmField { Id = "1306462000000000557", ApiName = "Last_Name", DisplayLabel = "Last Name", Mandatory = true });
            contacts.Fields.Add(new CrmField { Id = "1306462000000000559", ApiName = "First_Name", DisplayLabel = "First Name" });
            contacts.Fields.Add(new CrmField { Id = "1306462000000000563", ApiName = "Email", DisplayLabel = "Email" });
            contacts.Fields.Add(new CrmField { Id = "1306462000000000565", ApiName = "Phone", DisplayLabel = "Phone" });
            contacts.Filters.Add(new CrmField { Id = "1306462000000000569", ApiName = "Account_Name", DisplayLabel = "Account Name" });
            org.Modules[contacts.ApiName] = contacts;

            // The custom personality module and ids of seed 002 (Kaizen: the ZylkerAutos Customer user type).
            var customer = new CrmModule { Id = "1306462000000000125", ApiName = "Customer", PluralLabel = "Customers", SharedType = "private", CanBePersonality = true };
            customer.Layouts.Add(new CrmLayout { Id = "1306462000000095055", Name = "Standard", DisplayLabel = "Standard" });
            customer.Views.Add(new CrmView { Id = "1306462000000091501", Name = "All Customers", DisplayLabel = "All Customers", Type = "custom_view" });
            // Seed 002 prints this field's id with 20 digits; the org uses a realistic 19-digit id and
            // accepts the seed's spelling too (EmulatorChoices.SeedIdSpellings).
            customer.Fields.Add(new CrmField { Id = "1306462000000063924", ApiName = "Service_Date", DisplayLabel = "Service Date" });
            customer.Fields.Add(new CrmField { Id = "1306462000000095101", ApiName = "Name", DisplayLabel = "Customer Name", Mandatory = true });
            customer.Fields.Add(new CrmField { Id = "1306462000000095103", ApiName = "Email", DisplayLabel = "Email" });
            customer.Fields.Add(new CrmField { Id = "1306462000000095105", ApiName = "Vehicle", DisplayLabel = "Vehicle" });
            org.Modules[customer.ApiName] = customer;

            // Service bookings, linked to both personality modules by lookups (the filter fields).
            var services = new CrmModule { Id = "1306462000000000131", ApiName = "Services", PluralLabel = "Services", SharedType = "private" };
            services.Layouts.Add(new CrmLayout { Id = "1306462000000095071", Name = "Standard", DisplayLabel = "Standard" });
            // Booked through a wizard: its default view is the wizard, not the layout.
            services.Layouts.Add(new CrmLayout
            {
                Id = "1306462000000095073", Name = "Test Drive", DisplayLabel = "Test Drive",
                DefaultView = new CrmView { Id = "1306462000000095077", Name = "Test_Drive_Booking", DisplayLabel = "Test Drive Booking", Type = "wizard" },
            });
            services.Views.Add(new CrmView { Id = "1306462000000091521", Name = "All Services", DisplayLabel = "All Services", Type = "custom_view" });
            services.Views.Add(new CrmView { Id = "1306462000000091523", Name = "Upcoming Services", DisplayLabel = "Upcoming Services", Type = "custom_view" });
            services.Fields.Add(new CrmField { Id = "1306462000000095201", ApiName = "Service_Name", DisplayLabel = "Service Name", Mandatory = true });
            services.Fields.Add(new CrmField { Id = "1306462000000095205", ApiName = "Service_Date", DisplayLabel = "Service Date" });
            services.Fields.Add(new CrmField { Id = "1306462000000095207", ApiName = "Status", DisplayLabel = "Status" });
            services.Filters.Add(new CrmField { Id = "1306462000000095203", ApiName = "Customer", DisplayLabel = "Customer", LookupTo = "Customer" });
            services.Filters.Add(new CrmField { Id = "1306462000000095209", ApiName = "Contact_Name", DisplayLabel = "Contact Name", LookupTo = "Contacts" });
            services.RelatedTo.Add("Customer");
            services.RelatedTo.Add("Contacts");
            org.Modules[services.ApiName] = services;

            var cases = new CrmModule { Id = "1306462000000000135", ApiName = "Cases", PluralLabel = "Cases", SharedType = "private" };
            cases.Layouts.Add(new CrmLayout { Id = "1306462000000095081", Name = "Standard", DisplayLabel = "Standard" });
            cases.Views.Add(new CrmView { Id = "1306462000000091531", Name = "All Cases", DisplayLabel = "All Cases", Type = "custom_view" });
            cases.Fields.Add(new CrmField { Id = "1306462000000095301", ApiName = "Subject", DisplayLabel = "Subject", Mandatory = true });
            cases.Fields.Add(new CrmField { Id = "1306462000000095303", ApiName = "Description", DisplayLabel = "Description" });
            cases.Filters.Add(new CrmField { Id = "1306462000000095305", ApiName = "Contact_Name", DisplayLabel = "Contact Name", LookupTo = "Contacts" });
            cases.RelatedTo.Add("Contacts");
            org.Modules[cases.ApiName] = cases;

            // A public module: every portal user sees every record, so no layouts or filters are needed.
            var solutions = new CrmModule { Id = "1306462000000000139", ApiName = "Solutions", PluralLabel = "Solutions", SharedType = "public" };
            solutions.Views.Add(new CrmView { Id = "1306462000000091541", Name = "All Solutions", DisplayLabel = "All Solutions", Type = "custom_view" });
            solutions.Fields.Add(new CrmField { Id = "1306462000000095401", ApiName = "Solution_Title", DisplayLabel = "Solution Title", Mandatory = true });
            solutions.RelatedTo.Add("Contacts");
            solutions.RelatedTo.Add("Customer");
            org.Modules[solutions.ApiName] = solutions;

            var notes = new CrmModule { Id = "1306462000000000147", ApiName = "Notes", PluralLabel = "Notes", SharedType = "private" };
            org.Modules[notes.ApiName] = notes;
        }
    }
}
