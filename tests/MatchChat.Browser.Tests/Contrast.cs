namespace MatchChat.Browser.Tests;

/// <summary>
/// A WCAG 2 contrast check run inside the page: every visible element with its own text is compared
/// with the first opaque background behind it (4.5:1, or 3:1 for large text). Disabled controls are
/// exempt, as in WCAG. Gradients and images are not considered (the page uses none behind text).
/// </summary>
public static class Contrast
{
    private const string Script = """
        () => {
          const parse = (c) => {
            const m = /rgba?\(([^)]+)\)/.exec(c);
            if (!m) return null;
            const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
          };
          const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
          const background = (el) => {
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c.a >= 0.9) return c;
            }
            return { r: 255, g: 255, b: 255, a: 1 };
          };
          const failures = [];
          for (const el of document.querySelectorAll("body *")) {
            if (!el.checkVisibility || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
            if (el.closest(".visually-hidden, :disabled, [aria-disabled=true]")) continue;
            const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join("");
            if (!text) continue;
            const style = getComputedStyle(el);
            const fg = parse(style.color);
            const bg = background(el);
            const l1 = luminance(fg), l2 = luminance(bg);
            const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
            if (ratio < (large ? 3 : 4.5)) {
              failures.push(`${ratio.toFixed(2)}:1 "${text.slice(0, 40)}" <${el.tagName.toLowerCase()} class="${el.className}"> ${style.color} on rgb(${bg.r}, ${bg.g}, ${bg.b})`);
            }
          }
          return failures;
        }
        """;

    /// <summary>Proves the check itself: a light grey sample on white must be reported.</summary>
    public static async Task AssertCheckWorksAsync(IPage page)
    {
        await page.EvaluateAsync("() => { const p = document.createElement('p'); p.id = 'contrast-probe'; p.textContent = 'probe'; p.style.color = '#aaaaaa'; p.style.background = '#ffffff'; document.querySelector('main').append(p); }");
        var failures = await page.EvaluateAsync<string[]>(Script);
        await page.EvaluateAsync("() => document.getElementById('contrast-probe').remove()");
        Assert.Contains(failures, f => f.Contains("\"probe\""));
    }

    public static async Task AssertAaAsync(IPage page, string screen)
    {
        var failures = await page.EvaluateAsync<string[]>(Script);
        Assert.True(failures.Length == 0, $"Low contrast on {screen}:\n" + string.Join("\n", failures));
    }
}
