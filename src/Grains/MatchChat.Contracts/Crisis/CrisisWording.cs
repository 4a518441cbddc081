namespace MatchChat.Contracts.Crisis;

/// <summary>
/// What the crisis events say, in plain and calm words: English, and the same words in Spanish, French, German,
/// Portuguese and Italian (the languages the crisis screen reads and the matcher glosses). <see cref="For"/> and
/// <see cref="GuidanceFor"/> pick the reader's language, English for any other.
/// </summary>
public static class CrisisWording
{
    public const string CrisisMessage =
        "It sounds like you are going through something really painful right now. You deserve support straight away: " +
        "the people below are there for exactly this, any time. If you are in immediate danger, call your local emergency number. " +
        "You can keep talking here too.";

    public const string ConcernMessage =
        "It sounds like things are hard right now. If it ever gets to be too much, these people are there to listen, any time.";

    public const string PeerGuidance =
        "Your chat partner may be in crisis. Stay with them and keep listening: you do not need the right words. " +
        "Ask them gently whether they are safe right now. Share the resources below and encourage them to reach out; " +
        "if they are in immediate danger, encourage them to call their local emergency number. " +
        "Do not promise to keep this secret. A moderator has been told and can help; you are not alone with this.";

    /// <summary>language → (crisis, concern, guidance to a peer).</summary>
    private static readonly Dictionary<string, (string Crisis, string Concern, string Guidance)> Translations = new(StringComparer.Ordinal)
    {
        ["es"] = (
            "Parece que estás pasando por algo muy doloroso en este momento. Mereces apoyo ahora mismo: las personas que ves " +
            "abajo están ahí precisamente para esto, a cualquier hora. Si estás en peligro inmediato, llama al número de " +
            "emergencias de tu zona. También puedes seguir hablando aquí.",
            "Parece que las cosas están difíciles ahora mismo. Si en algún momento se te hace demasiado, estas personas están " +
            "ahí para escucharte, a cualquier hora.",
            "Es posible que la persona con la que hablas esté en crisis. No te vayas de la conversación y sigue escuchando: no " +
            "necesitas las palabras perfectas. Pregúntale con delicadeza si está a salvo ahora mismo. Comparte los recursos de " +
            "abajo y anímala a pedir ayuda; si está en peligro inmediato, anímala a llamar al número de emergencias de su " +
            "zona. No prometas guardar el secreto. El equipo de moderación ya está al tanto y puede ayudar: no tienes que " +
            "afrontarlo a solas."),
        ["fr"] = (
            "On dirait que vous traversez quelque chose de vraiment douloureux en ce moment. Vous méritez qu’on vous aide, " +
            "dès maintenant : les personnes ci-dessous sont là précisément pour cela, à toute heure. Si vous êtes en " +
            "danger immédiat, appelez le numéro d’urgence local. Vous pouvez aussi continuer à parler ici.",
            "On dirait que les choses sont difficiles en ce moment. Si cela devient trop lourd, ces personnes sont là pour vous " +
            "écouter, à toute heure.",
            "La personne avec qui vous parlez est peut-être en crise. Restez avec elle et continuez à l’écouter : vous " +
            "n’avez pas besoin de trouver les mots parfaits. Demandez-lui doucement si elle est en sécurité en ce moment. " +
            "Partagez les ressources ci-dessous et encouragez-la à demander de l’aide ; si elle est en danger immédiat, " +
            "encouragez-la à appeler le numéro d’urgence local. Ne promettez pas de garder le secret. Un modérateur a été " +
            "prévenu et peut vous aider : vous n’avez pas à y faire face sans soutien."),
        ["de"] = (
            "Es klingt, als würdest du gerade etwas sehr Schmerzhaftes durchmachen. Du hast jetzt Unterstützung verdient: Die " +
            "Menschen, die du unten findest, sind genau dafür da, jederzeit. Wenn du in akuter Gefahr bist, ruf den örtlichen " +
            "Notruf an. Du kannst auch hier weiterschreiben.",
            "Es klingt, als wäre gerade vieles schwer. Wenn es dir einmal zu viel wird, sind diese Menschen jederzeit da, um " +
            "dir zuzuhören.",
            "Dein Gegenüber ist möglicherweise in einer Krise. Bleib im Gespräch und hör weiter zu: Du musst nicht die " +
            "perfekten Worte finden. Frag behutsam, ob die Person gerade in Sicherheit ist. Gib die Hilfsangebote unten weiter " +
            "und ermutige sie, sich Hilfe zu holen; wenn sie in akuter Gefahr ist, ermutige sie, den örtlichen Notruf " +
            "anzurufen. Versprich nicht, es geheim zu halten. Ein Moderator weiß Bescheid und kann helfen: Du bist damit nicht allein."),
        ["pt"] = (
            "Parece que você está passando por algo muito doloroso neste momento. Você merece apoio agora mesmo: os contatos " +
            "abaixo existem exatamente para isso, a qualquer hora. Se você estiver em perigo imediato, ligue para o número de " +
            "emergência local. Você também pode continuar conversando aqui.",
            "Parece que as coisas estão difíceis agora. Se em algum momento ficar pesado demais, essas pessoas estão " +
            "disponíveis para ouvir você, a qualquer hora.",
            "A pessoa com quem você está conversando pode estar em crise. Continue na conversa com ela e siga ouvindo: você não " +
            "precisa das palavras certas. Pergunte com cuidado se ela está em segurança agora. Compartilhe os recursos abaixo e " +
            "incentive-a a buscar ajuda; se ela estiver em perigo imediato, incentive-a a ligar para o número de emergência " +
            "local. Não prometa guardar segredo. Um moderador foi avisado e pode ajudar: você não precisa lidar com isso sem apoio."),
        ["it"] = (
            "Sembra che tu stia attraversando qualcosa di davvero doloroso in questo momento. Meriti sostegno, adesso: le " +
            "persone che trovi qui sotto ci sono proprio per questo, a qualsiasi ora. Se sei in pericolo immediato, chiama il " +
            "numero di emergenza locale. Puoi anche continuare a scrivere qui.",
            "Sembra che le cose siano difficili in questo momento. Se a un certo punto tutto diventa troppo pesante, queste " +
            "persone ci sono per ascoltarti, a qualsiasi ora.",
            "La persona con cui stai parlando potrebbe essere in crisi. Resta con lei e continua ad ascoltare: non servono le " +
            "parole perfette. Chiedile con delicatezza se in questo momento è al sicuro. Condividi le risorse qui sotto e " +
            "incoraggiala a chiedere aiuto; se è in pericolo immediato, incoraggiala a chiamare il numero di emergenza locale. " +
            "Non promettere di tenerlo segreto. Un moderatore è stato avvisato e può aiutare: non devi affrontarlo senza aiuto."),
    };

    /// <summary>The language the wording is given in for <paramref name="language"/>: itself when translated, else <c>en</c>.</summary>
    public static string LanguageFor(string? language) =>
        language is not null && Translations.ContainsKey(language) ? language : "en";

    /// <summary>The writer's message for <paramref name="level"/> (<c>crisis</c> or <c>concern</c>) in <paramref name="language"/>.</summary>
    public static string For(string level, string? language)
    {
        var concern = level == CrisisLevels.Concern;
        return language is not null && Translations.TryGetValue(language, out var t)
            ? concern ? t.Concern : t.Crisis
            : concern ? ConcernMessage : CrisisMessage;
    }

    /// <summary>The guidance to a conversation's peer, in the peer's <paramref name="language"/>.</summary>
    public static string GuidanceFor(string? language) =>
        language is not null && Translations.TryGetValue(language, out var t) ? t.Guidance : PeerGuidance;
}
