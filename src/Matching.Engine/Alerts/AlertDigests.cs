using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Matching.Engine.Access;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Matching.Engine.Alerts;

/// <summary>The SMTP server of the email digests (section <c>Coach:Smtp</c>); no <see cref="Host"/>, no email.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Coach:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender of the digests.</summary>
    public string From { get; set; } = "Coach <coach@localhost>";

    /// <summary>How often the digests go out, in minutes (a digest holds what was found since the previous one).</summary>
    public int DigestIntervalMinutes { get; set; } = 24 * 60;

    /// <summary>The address the links of a digest start with (e.g. https://coach.example.org).</summary>
    public string? PublicUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    internal SecureSocketOptions SocketOptions => Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

/// <summary>
/// The email digests of saved searches: for each search with an address, what was found since the previous
/// digest, one message per address, sent through the configured SMTP server. A search with nothing new sends
/// nothing. Recruiters' digests name candidates by pseudonym only.
/// </summary>
public sealed class AlertDigests(AlertStore store, SavedSearches searches, IOptions<SmtpOptions> options, TimeProvider time, ILogger<AlertDigests> logger)
{
    /// <summary>Sends the digests that are due; returns how many messages went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        var due = new List<(SavedSearch Search, IReadOnlyList<AlertItem> Items)>();
        foreach (var search in store.WithEmail())
        {
            var owner = new CoachUser(search.OwnerId, search.Kind == SavedSearchKind.OfferMatches ? Roles.Seeker : Roles.Recruiter);
            var items = await searches.ItemsAsync(owner, search, store.Hits(search.Id, SavedSearches.ItemsPerSearch, after: search.LastDigestAt), "fr", cancellationToken);
            if (items.Count > 0)
            {
                due.Add((search, items));
            }
        }
        var sent = 0;
        foreach (var group in due.GroupBy(d => d.Search.Email!, StringComparer.OrdinalIgnoreCase))
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.SocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(Message(smtp, group.Key, [.. group]), cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            foreach (var (search, _) in group)
            {
                store.MarkDigested(search.Id, now);
            }
            sent++;
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} alert digests", sent);
        }
        return sent;
    }

    internal static MimeMessage Message(SmtpOptions smtp, string to, IReadOnlyList<(SavedSearch Search, IReadOnlyList<AlertItem> Items)> searches)
    {
        var count = searches.Sum(s => s.Items.Count);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = count == 1 ? "Coach : 1 nouveauté pour vos recherches" : $"Coach : {count} nouveautés pour vos recherches";
        var text = new StringBuilder();
        text.AppendLine("Bonjour,").AppendLine();
        foreach (var (search, items) in searches)
        {
            var what = (search.Kind == SavedSearchKind.OfferMatches, items.Count == 1) switch
            {
                (true, true) => "nouvelle offre",
                (true, false) => "nouvelles offres",
                (false, true) => "nouveau candidat",
                (false, false) => "nouveaux candidats",
            };
            text.AppendLine(CultureInfo.GetCultureInfo("fr"), $"« {search.Name} » : {items.Count} {what}");
            foreach (var item in items)
            {
                text.Append("  - ").Append(item.Title);
                if (!string.IsNullOrEmpty(item.Detail))
                {
                    text.Append(" (").Append(item.Detail).Append(')');
                }
                if (item.Skills.Count > 0)
                {
                    text.Append(" : ").Append(string.Join(", ", item.Skills.Take(4).Select(s => s.Label)));
                }
                text.AppendLine();
            }
            text.AppendLine();
        }
        var page = searches.Any(s => s.Search.Kind == SavedSearchKind.OfferMatches) ? "/seeker/alerts" : "/recruiter/alerts";
        text.AppendLine(CultureInfo.InvariantCulture, $"Tout voir : {(smtp.PublicUrl ?? "").TrimEnd('/')}{page}");
        text.AppendLine("Pour ne plus recevoir ce résumé, retirez votre adresse sur cette page.");
        message.Body = new TextPart("plain") { Text = text.ToString() };
        return message;
    }
}

/// <summary>Sends the digests every <see cref="SmtpOptions.DigestIntervalMinutes"/> when SMTP is configured.</summary>
public sealed class AlertDigestService(AlertDigests digests, IOptions<SmtpOptions> options, TimeProvider time, ILogger<AlertDigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.DigestIntervalMinutes)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await digests.SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The SMTP server may be down: the next tick sends what is still due.
                logger.LogError(e, "The alert digests could not be sent");
            }
        }
    }
}
