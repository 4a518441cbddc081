namespace MatchChat.Contracts.Crisis;

/// <summary>
/// The shipped resources: real services only. Each entry was checked on 2026-12-01 against a stored copy of the
/// service's own page or an official government/health-service page (cited beside it); an entry that could be
/// confirmed only from press or directory pages was left out (see docs/crisis-detector.md, "Resources": Crisis Text
/// Line, The Trevor Project, 50808, Beyond Blue, Lifeline Aotearoa, SOS Amitié, Teléfono de la Esperanza and SOS Voz
/// Amiga). Three national lines are the exception, checked on 2026-12-07 (stop 58) against several independent
/// stored pages over years, a public broadcaster or a government text among them, because the crisis screen reads
/// Spanish and Portuguese and their countries otherwise got only an English directory (an outside browser probe):
/// Línea 024 (ES), CVV 188 (BR) and Línea de la Vida (MX). Regions without an entry of their own get Find A Helpline.
/// Operators replace the whole list with <c>MatchChat:Resources:Entries</c> or a JSON file
/// (<c>MatchChat:Resources:File</c>) and should re-check it before launch: numbers and hours change.
/// </summary>
public static class DefaultResources
{
    private static readonly string[] All = [];

    public static IReadOnlyList<Resource> Entries { get; } =
    [
        // checked: https://988lifeline.org/get-help/what-to-expect (stored copy, 2026-12-01): call, text or chat 988; Spanish by
        // pressing 2 or texting AYUDA.
        new("988 Suicide & Crisis Lifeline", "Call or text 988", "https://988lifeline.org", "US", ["en", "es"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://www.canada.ca/en/services/health/stay-connected/healthy-canadians-podcast/list/988-part-one-about-canadas-suicide-crisis-helpline.html
        // and https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/ (stored copies, 2026-12-01): call or text 988,
        // 24 hours a day, English or French.
        new("9-8-8 Suicide Crisis Helpline", "Call or text 988", "https://988.ca", "CA", ["en", "fr"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://kidshelpphone.ca/text-about-it/ and https://kidshelpphone.ca/get-involved/about-us/who-is-kids-help-phone/
        // (stored copies, 2026-12-01): text CONNECT to 686868, 24/7, English and French. Fixed: the phone number was dropped
        // because no stored page of the service showed it.
        new("Kids Help Phone", "Text CONNECT to 686868", "https://kidshelpphone.ca", "CA", ["en", "fr"], "24/7", ResourceKinds.Helpline, All),

        // checked: https://samaritans.org/branches/coventry/coventry-branch-news/coventry-samaritans-will-be-open-usual-over-christmas
        // (stored copy, 2026-12-01): free on 116 123, 24 hours a day, every day of the year.
        new("Samaritans", "Call 116 123", "https://www.samaritans.org", "GB", ["en"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://www.samaritans.org/your-community/samaritans-ireland-scotland-and-wales/samaritans-ireland/journey
        // (stored copy, 2026-12-01): 116 123 is Samaritans' free number in the Republic of Ireland.
        new("Samaritans", "Call 116 123", "https://www.samaritans.org", "IE", ["en"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://giveusashout.org/about-us/faq (stored copy, 2026-12-01): text SHOUT to 85258, free, 24/7, UK residents.
        new("Shout", "Text SHOUT to 85258", "https://giveusashout.org", "GB", ["en"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/ (stored copy, 2026-12-01; a Lifeline centre's
        // own page, lifeline.org.au itself is not in the store): 13 11 14, the 24-hour crisis line.
        new("Lifeline Australia", "Call 13 11 14", "https://www.lifeline.org.au", "AU", ["en"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://www.health.govt.nz/news-media/news-items/phone-counselling-service-busy-following-christchurch-tragedy
        // (Ministry of Health, stored copy, 2026-12-01): call or text 1737 any time, day or night, to talk to a trained counsellor.
        new("1737 Need to talk?", "Call or text 1737", "https://1737.org.nz", "NZ", ["en"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://www.ekkw.de./telefonseelsorge-seit-60-jahren-fuer-menschen-in-schwierigen-situationen-da (a carrier
        // church of TelefonSeelsorge, stored copy, 2026-12-01; telefonseelsorge.de itself is not in the store): 0800 111 0 111 or
        // 0800 111 0 222, free, anonymous, around the clock; chat and mail on the web.
        new("TelefonSeelsorge", "0800 111 0 111 oder 0800 111 0 222", "https://www.telefonseelsorge.de", "DE", ["de"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://www.bmfsfj.de/bmfsfj/mediathek/anrufen-mailen-chatten-gegen-sorgen-154556 (Federal Ministry for Family
        // Affairs, stored copy, 2026-12-01): 116 111, free and anonymous, Mo–Sa 14–20 (and Mo, We, Th 10–12).
        new("Nummer gegen Kummer", "116 111", "https://www.nummergegenkummer.de", "DE", ["de"], "Mo–Sa 14–20", ResourceKinds.Helpline, All),

        // checked: https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/ and
        // https://www.mayotte.ars.sante.fr/3114-le-numero-national-de-prevention-du-suicide (stored copies, 2026-12-01): 3114,
        // free, 24h/24 7j/7, answered by health professionals.
        new("3114 – prévention du suicide", "Appelez le 3114", "https://3114.fr", "FR", ["fr"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://www.sns24.gov.pt/en/servico/aconselhamento-psicologico-no-sns-24/ (stored copy, 2026-12-01): 808 24 24 24,
        // option 4, psychological counselling by clinical psychologists, 24/7. Fixed: "option 4" added.
        new("SNS 24 – aconselhamento psicológico", "808 24 24 24 (opção 4)", "https://www.sns24.gov.pt", "PT", ["pt"], "24/7", ResourceKinds.Helpline, All),

        // checked: https://www.katholisch.at/telefonseelsorge (the Catholic Church in Austria, a carrier of TelefonSeelsorge,
        // stored copy, 2026-12-07) and https://www.ots.at/presseaussendung/OTM_20230425_OTM0006 (TelefonSeelsorge's own
        // release): Notruf 142, free from any phone in Austria, around the clock, anonymous.
        new("TelefonSeelsorge – Notruf 142", "Notruf 142", "https://www.telefonseelsorge.at", "AT", ["de"], "24/7", ResourceKinds.Crisis, All),

        // checked (press, stop 58): https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml
        // (RTVE, the public broadcaster), maldita.es (citing the BOE of 20 December 2021), elnacional.cat, soydemadrid.com
        // (stored copies, 2026-12-07): 024, the Ministry of Health's line for suicidal behaviour, free, confidential, 24/7.
        new("Línea 024 – atención a la conducta suicida", "Llama al 024", "https://www.sanidad.gob.es", "ES", ["es"], "24/7", ResourceKinds.Crisis, All),

        // checked (press, stop 58): santaritafm.com (a text of the Federal Government, 2018), claudia.abril.com.br,
        // folhadoestado.com.br, hercampus.com (2025) (stored copies, 2026-12-07): CVV answers on 188, free from any phone in
        // Brazil since July 2018, 24 hours; chat and e-mail at cvv.org.br.
        new("CVV – Centro de Valorização da Vida", "Ligue 188", "https://cvv.org.br", "BR", ["pt"], "24/7", ResourceKinds.Crisis, All),

        // checked (press, stop 58): eluniversal.com.mx (2025-12-24), proceso.com.mx (2025-10-11), cronica.com.mx (2025-09-19),
        // tribunademexico.com (2026-01-13), each quoting the Secretaría de Salud / CONASAMA (stored copies, 2026-12-07):
        // Línea de la Vida, 800 911 2000, free, 24 hours, 365 days, for crises and suicidal thoughts.
        new("Línea de la Vida", "Llama al 800 911 2000", "https://www.gob.mx/salud", "MX", ["es"], "24/7", ResourceKinds.Crisis, All),

        // checked: https://findahelpline.com/AU (stored copy, 2026-12-01): the directory of free helplines by country.
        new("Find A Helpline", "Find a free, confidential helpline in your country", "https://findahelpline.com", "*", ["en", "es", "fr", "de", "pt"], "24/7", ResourceKinds.Crisis, All),
    ];
}
