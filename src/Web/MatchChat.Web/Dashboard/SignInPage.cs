namespace MatchChat.Web.Dashboard;

/// <summary>The sign-in form: static HTML, no script, nothing from outside; it never echoes what was typed.</summary>
internal static class SignInPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(bool refused) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>MatchChat operations sign-in</title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f4f4f6; color: #1d1d22; }
          main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; max-width: 26rem; width: calc(100% - 4rem); }
          h1 { font-size: 1.25rem; margin: 0 0 1rem; }
          label { display: block; font-weight: 600; margin-bottom: .25rem; }
          input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #767680; border-radius: 4px; }
          button { margin-top: 1rem; padding: .5rem 1.25rem; font: inherit; border: 0; border-radius: 4px; background: #3b3bb3; color: #fff; cursor: pointer; }
          p.error { color: #a4161a; font-weight: 600; }
          p.hint { color: #55555f; font-size: .9rem; }
        </style>
        </head>
        <body>
        <main>
        <h1>Orleans Dashboard</h1>
        {{(refused ? "<p class=\"error\" role=\"alert\" data-testid=\"signin-error\">That is not the admin key.</p>" : "")}}
        <form method="post" action="signin">
        <label for="key">Admin key</label>
        <input id="key" name="key" type="password" autocomplete="off" required autofocus data-testid="signin-key">
        <button type="submit" data-testid="signin-submit">Sign in</button>
        </form>
        <p class="hint">The value of MatchChat__Admin__Key on this node. The session lasts 8 hours.</p>
        </main>
        </body>
        </html>
        """;
}
