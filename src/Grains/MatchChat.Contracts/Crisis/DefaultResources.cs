namespace MatchChat.Contracts.Crisis;

/// <summary>
/// The shipped resources: real services only, each with the page it was taken from. Where the service's own
/// web address could not be confirmed, the entry's URL is a <c>tel:</c> link instead of a guessed page.
/// Operators replace the whole list with <c>MatchChat:Resources:Entries</c> or a JSON file
/// (<c>MatchChat:Resources:File</c>).
/// </summary>
public static class DefaultResources
{
    private static readonly string[] All = [];

    public static IReadOnlyList<Resource> Entries { get; } =
    [
        // https://988lifeline.org — call or text 988, chat on the site; English and Spanish.
        new("988 Suicide & Crisis Lifeline", "Call or text 988", "https://988lifeline.org", "US", ["en", "es"], "24/7", ResourceKinds.Crisis, All),
        // https://www.crisistextline.org — text HOME to 741741.
        new("Crisis Text Line", "Text HOME to 741741", "https://www.crisistextline.org", "US", ["en"], "24/7", ResourceKinds.Crisis, All),
        // https://www.thetrevorproject.org — LGBTQ+ young people, 1-866-488-7386.
        new("The Trevor Project", "Call 1-866-488-7386", "https://www.thetrevorproject.org", "US", ["en"], "24/7", ResourceKinds.Helpline, All),
        // https://988.ca — Canada's 9-8-8 Suicide Crisis Helpline, call or text 988, English and French.
        new("9-8-8 Suicide Crisis Helpline", "Call or text 988", "https://988.ca", "CA", ["en", "fr"], "24/7", ResourceKinds.Crisis, All),
        // https://kidshelpphone.ca — 1-800-668-6868, text CONNECT to 686868.
        new("Kids Help Phone", "Call 1-800-668-6868 or text CONNECT to 686868", "https://kidshelpphone.ca", "CA", ["en", "fr"], "24/7", ResourceKinds.Helpline, All),
        // https://www.samaritans.org — 116 123 free from UK and ROI phones.
        new("Samaritans", "Call 116 123", "https://www.samaritans.org", "GB", ["en"], "24/7", ResourceKinds.Crisis, All),
        new("Samaritans", "Call 116 123", "https://www.samaritans.org", "IE", ["en"], "24/7", ResourceKinds.Crisis, All),
        // https://giveusashout.org — Shout, the UK's crisis text service: text SHOUT to 85258.
        new("Shout", "Text SHOUT to 85258", "https://giveusashout.org", "GB", ["en"], "24/7", ResourceKinds.Crisis, All),
        // https://text50808.ie — Ireland's crisis text service: text HELLO to 50808.
        new("50808", "Text HELLO to 50808", "https://text50808.ie", "IE", ["en"], "24/7", ResourceKinds.Crisis, All),
        // https://www.lifeline.org.au — 13 11 14.
        new("Lifeline Australia", "Call 13 11 14", "https://www.lifeline.org.au", "AU", ["en"], "24/7", ResourceKinds.Crisis, All),
        // https://www.beyondblue.org.au — 1300 22 4636.
        new("Beyond Blue", "Call 1300 22 4636", "https://www.beyondblue.org.au", "AU", ["en"], "24/7", ResourceKinds.Helpline, All),
        // https://1737.org.nz — Need to talk? Call or text 1737.
        new("1737 Need to talk?", "Call or text 1737", "https://1737.org.nz", "NZ", ["en"], "24/7", ResourceKinds.Crisis, All),
        // https://www.lifeline.org.nz — 0800 543 354.
        new("Lifeline Aotearoa", "Call 0800 543 354", "https://www.lifeline.org.nz", "NZ", ["en"], "24/7", ResourceKinds.Helpline, All),
        // https://www.telefonseelsorge.de — 0800 111 0 111 and 0800 111 0 222, free; chat and mail on the site.
        new("TelefonSeelsorge", "0800 111 0 111 oder 0800 111 0 222", "https://www.telefonseelsorge.de", "DE", ["de"], "24/7", ResourceKinds.Crisis, All),
        // https://www.nummergegenkummer.de — children and young people, 116 111.
        new("Nummer gegen Kummer", "116 111", "https://www.nummergegenkummer.de", "DE", ["de"], "Mo–Sa 14–20", ResourceKinds.Helpline, All),
        // https://3114.fr — numéro national de prévention du suicide.
        new("3114 – prévention du suicide", "Appelez le 3114", "https://3114.fr", "FR", ["fr"], "24/7", ResourceKinds.Crisis, All),
        // https://www.sos-amitie.com — 09 72 39 40 50.
        new("SOS Amitié", "09 72 39 40 50", "https://www.sos-amitie.com", "FR", ["fr"], "24/7", ResourceKinds.Helpline, All),
        // Línea 024 de atención a la conducta suicida (Ministerio de Sanidad, since 10 May 2022; 24/7, free).
        new("Línea 024", "Llama al 024", "tel:024", "ES", ["es"], "24/7", ResourceKinds.Crisis, All),
        // https://telefonodelaesperanza.org — 717 003 717.
        new("Teléfono de la Esperanza", "717 003 717", "https://telefonodelaesperanza.org", "ES", ["es"], "24/7", ResourceKinds.Helpline, All),
        // https://www.sosvozamiga.org — 213 544 545, 912 802 669, 963 524 660; 16:00–24:00.
        new("SOS Voz Amiga", "213 544 545 · 912 802 669 · 963 524 660", "https://www.sosvozamiga.org", "PT", ["pt"], "16:00–24:00", ResourceKinds.Crisis, All),
        // https://www.sns24.gov.pt — SNS 24, 808 24 24 24 (includes psychological counselling).
        new("SNS 24", "808 24 24 24", "https://www.sns24.gov.pt", "PT", ["pt"], "24/7", ResourceKinds.Helpline, All),
        // https://cvv.org.br — Centro de Valorização da Vida, 188, chat on the site.
        new("CVV – Centro de Valorização da Vida", "Ligue 188", "https://cvv.org.br", "BR", ["pt"], "24/7", ResourceKinds.Crisis, All),
        // Línea de la Vida (Secretaría de Salud), 800 911 2000, 24/7; page address not confirmed here, so a tel: link.
        new("Línea de la Vida", "800 911 2000", "tel:8009112000", "MX", ["es"], "24/7", ResourceKinds.Crisis, All),
        // https://findahelpline.com — directory of free helplines in every country.
        new("Find A Helpline", "Find a free, confidential helpline in your country", "https://findahelpline.com", "*", ["en", "es", "fr", "de", "pt"], "24/7", ResourceKinds.Crisis, All),
    ];
}
