// Package corpusgen generates deterministic, seeded corpora of post texts
// for comparing twittertext with the reference twitter-text and for
// benchmarks: many scripts, weighted punctuation, invisible characters,
// emoji of every kind and URLs of every shape.
//
// Emoji are limited to sequences of twemoji-parser 11.0.2 (the data
// twitter-text 3.1.0 uses) and their parts; newer emoji, where xlint and an
// updated X may legitimately differ, are kept out. Top-level domains are
// ones both twitter-text 3.1.0 and today's root zone know.
package corpusgen

import (
	"math/rand/v2"
	"strings"
)

// Generate returns n texts made from seed; the same seed always gives the
// same texts.
func Generate(seed uint64, n int) []string {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	out := make([]string, n)
	for i := range out {
		out[i] = g.text()
	}
	return out
}

type gen struct {
	r *rand.Rand
	b strings.Builder
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

var (
	words = []string{
		"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "hello", "world", "Release", "notes",
		"café", "cafe\u0301", "naïve", "nai\u0308ve", "Ångström", "A\u030Angstro\u0308m", "résumé", "e\u0301\u0301",
		"Zoë", "ÁB", "o\u0302\u0323", "ḍ\u0307", "ﬁne", "Straße", "İstanbul", "ǅemal",
		"日本語", "中文字符", "漢字", "こんにちは", "カタカナ", "ｶﾀｶﾅ", "한국어", "\u1100\u1161\u11A8", "\u1112\u1161\u11AB",
		"العربية", "مرحبا", "שלום", "עברית", "\uFB2C", "ภาษาไทย", "สวัสดี", "हिन्दी", "नमस्ते", "क़", "ኢትዮጵያ", "ሰላም",
		"ＡＢＣ", "ｘｙｚ", "１２３", "Привет", "мир", "Ελλάδα", "ΐ", "Ꭰ", "ⱥ", "ȿ",
		"2024", "42", "3.14", "v1.2.3", "#tag", "#日本", "$TSLA", "$ab.cd", "@user", "@user/list-1", "RT:@x", "user@example.com",
	}
	punct = []string{
		"…", "•", "€", "™", "→", "‘", "’", "“", "”", "–", "—", "′", "″", "‴", "‵", "‰", "‐", "‑",
		".", ",", "!", "?", ":", ";", "(", ")", "[", "]", "\"", "'", "-", "_", "/", "\\", "&", "*", "+", "=", "|", "~", "^", "`", "%",
		"。", "、", "．", "｡", "！", "？", "«", "»", "¿", "¡", "§", "¶", "©", "®", "°", "±", "×", "÷",
	}
	invisible = []string{
		"\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2060", "\u00AD", "\uFE0F", "\uFE0E",
		"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C",
		"\u2000", "\u2002", "\u2003", "\u2009", "\u200A", "\u00A0", "\u3000", "\u180E", "\u1680", "\u202F", "\u205F",
		"\u0085", "\u2028", "\t",
	}
	space = []string{" ", " ", " ", " ", "\n", "\r\n", "  ", "\t", "\u3000"}
	// emoji holds whole twemoji 11 sequences and pieces of them.
	emoji = []string{
		"😀", "😂", "🥰", "🤯", "🧡", "❤", "❤️", "❤︎", "⌚", "⌚️", "⌚︎", "☺", "☺️", "☺︎", "✌", "✌️", "✌🏽", "✌︎",
		"👍", "👍🏻", "👍🏿", "🏻", "🏽", "👋🏼", "🤞🏾", "💪🏽", "🧑", "🧑🏿", "🧒🏻",
		"👨‍👩‍👧‍👦", "👨‍👩‍👧", "👩‍👩‍👦", "👨‍❤️‍👨", "👩‍❤️‍💋‍👨", "👨‍⚕️", "👩🏽‍⚕️", "👨🏿‍🚀", "👩‍💻", "👩🏻‍💻", "🏃‍♀️", "🏃🏽‍♂️",
		"🏋️‍♀️", "🏋🏻‍♂️", "🕵️‍♂️", "⛹️‍♀️", "🏳️‍🌈", "🏴‍☠️", "👁‍🗨", "🧟‍♀️", "👯‍♂️",
		"🇺🇸", "🇫🇷", "🇯🇵", "🇩🇪", "🇬🇧", "🇺", "🇸", "🇦🇦", "🇿🇿",
		"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
		"🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F", "🏴\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F",
		"#️⃣", "#⃣", "1️⃣", "9⃣", "*️⃣", "0️⃣", "#️", "©️", "©", "®️", "™️", "♟️", "♟", "‼️", "⁉", "ℹ️", "↔️", "▶️", "⏩",
		"🀄", "🅰️", "🅰", "🈚", "🌡️", "🎖", "🐿️", "🕴️", "🕴🏼", "🗨", "🛳️", "🤼‍♀️", "🧖‍♀️", "🧖🏾‍♂️", "🦸", "🦹🏻‍♀️",
		"👨\u200D🍳", "👩\u200D", "\u200D👩", "😀\u200D😀", "🐶\u200D🍕", "\uFE0F",
	}
	modifiers = []string{"\U0001F3FB", "\U0001F3FF", "\uFE0F", "\uFE0E", "\u200D", "\u20E3", "\u200D\u2640\uFE0F",
		"\u200D\u2642", "\u200D\U0001F4BB", "\U0001F3FD\u200D\u2695\uFE0F", "\U0001F1FA", "\U000E0067\U000E007F", ""}
	marks = []string{"\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030A", "\u0316", "\u0323", "\u0327", "\u0331",
		"\u0345", "\u034F", "\u035C", "\u0361", "\u0483", "\u0591", "\u05B0", "\u093C", "\u0E38", "\u0E48", "\u1DC0", "\u20D0", "\u3099", "\u1161", "\u11A8"}
	tlds = []string{
		"com", "org", "net", "io", "co", "uk", "de", "jp", "fr", "ly", "gl", "me", "md", "sh", "py", "rs", "so", "ai", "tv",
		"info", "dev", "app", "xyz", "online", "museum", "travel", "cat", "ws", "to", "is", "gd", "cc", "ca", "us",
		"COM", "Org", "рф", "中国", "みんな", "한국", "پاکستان", "भारत", "онлайн", "vermögensberatung",
	}
	labels = []string{
		"example", "twitter", "t", "bit", "foo-bar", "a", "x1", "www", "blog", "my_site", "-bad", "bad-", "sub", "readme",
		"bücher", "пример", "例え", "테스트", "xn--bcher-kva", "EXAMPLE", "ex--ample", "123", "localhost", "münchen",
		strings.Repeat("a", 63), strings.Repeat("b", 64), "日本", "é",
	}
	fileNames = []string{"readme.md", "main.go", "setup.sh", "notes.txt", "index.html", "app.py", "lib.rs", "photo.jpg",
		"script.pl", "data.ai", "build.zip", "x.so", "report.pdf", "style.css", "mod.io", "Cargo.toml", "a.b.c.d"}
	pathParts = []string{"", "/", "/path", "/a/b/c", "/foo_(bar)", "/wiki/Primer_(film)", "/track/We_Up_(Album_Version_(Edited))/",
		"/S(dfd346)/", "/@user/", "/~user", "/%20x", "/a.b.", "/x,", "/é", "/пример", "/日本", "/a-", "/a+b", "/a=b&c", "/#frag",
		"/a!", "/a;b", "/(unbalanced", "/a)", "/a|b", "/a\u2013b", "/..."}
	queries = []string{"", "", "?a=1", "?q=x&y=2", "?", "?a=(b)", "?a=1.", "?a=1,b", "?x=y#z", "?amp=1", "?ssr=true", "?a='b'"}
	ports   = []string{"", "", "", ":8080", ":80", ":", ":x", ":0123"}
	before  = []string{"", " ", "(", "[", "\"", "'", "<", ".", "-", "_", "/", "@", "#", "$", "＠", "＃", "a", "日本", "é", "😀", "\u202A", "\u200E", "…", ":", "=", ","}
	after   = []string{"", " ", ")", "]", "\"", ".", "..", ",", "!", "?", ":", ";", "。", "日本", "é", "😀", "\u202C", "-", "_", "@", "/", ")."}
)

func (g *gen) domain() string {
	var b strings.Builder
	if g.r.IntN(4) == 0 {
		b.WriteString(g.pick([]string{"www.", "m.", "blog.", "a.b.", "sub_x.", "x-y.", "日本."}))
	}
	b.WriteString(g.pick(labels))
	b.WriteByte('.')
	if g.r.IntN(10) == 0 {
		b.WriteString(g.pick([]string{"co.", "com.", "org.", "ne."}))
	}
	b.WriteString(g.pick(tlds))
	return b.String()
}

func (g *gen) url() string {
	var b strings.Builder
	switch g.r.IntN(10) {
	case 0, 1, 2:
		b.WriteString(g.pick([]string{"http://", "https://", "HTTPS://", "Http://", "ftp://", "http:/", "https//"}))
	}
	switch g.r.IntN(12) {
	case 0:
		b.WriteString(g.pick(fileNames))
	case 1:
		b.WriteString(g.pick([]string{"1.2.3.4", "192.168.0.1", "10.0.0.1:80", "[::1]", "256.1.1.1.com", "127.0.0.1.nip.io"}))
	case 2:
		b.WriteString("t.co/" + g.pick([]string{"abc", "UqIyJAJTfo", strings.Repeat("a", 41), "abc/def", "x?a=1"}))
	case 3:
		b.WriteString(g.pick([]string{"example.com.", "example..com", ".com", "example.", "a.b.c.d.e.f.com", "example.com.evil", "example.comé", "example.com_x"}))
	default:
		b.WriteString(g.domain())
	}
	b.WriteString(g.pick(ports))
	b.WriteString(g.pick(pathParts))
	b.WriteString(g.pick(queries))
	return b.String()
}

func (g *gen) piece() string {
	switch k := g.r.IntN(100); {
	case k < 35:
		return g.pick(words)
	case k < 50:
		return g.pick(punct)
	case k < 55:
		return g.pick(invisible)
	case k < 56:
		// The characters twitter-text refuses; rare, or most posts would be invalid.
		if g.r.IntN(4) == 0 {
			return g.pick([]string{"\uFEFF", "\uFFFE", "\uFFFF"})
		}
		return g.pick(emoji) + g.pick(modifiers) + g.pick(emoji)
	case k < 66:
		return g.pick(emoji)
	case k < 72:
		// Emoji with modifiers that may or may not form a sequence.
		return g.pick(emoji) + g.pick(modifiers)
	case k < 90:
		return g.pick(before) + g.url() + g.pick(after)
	case k < 93:
		return "@" + g.pick(words) + g.pick(after)
	case k < 95:
		// Several emoji glued together, as people write them.
		var b strings.Builder
		for range 2 + g.r.IntN(5) {
			b.WriteString(g.pick(emoji))
		}
		return b.String()
	case k < 99 || g.r.IntN(3) != 0:
		return strings.Repeat(g.pick([]string{"a", "あ", "😀", ".", "-", "é", "…", "x."}), 1+g.r.IntN(60))
	default:
		// "Zalgo": a base with a long run of combining marks of mixed
		// classes, where NFC reorders and composes past 30 marks.
		var b strings.Builder
		b.WriteString(g.pick([]string{"a", "e", "o", "u", "A", "\u1100\u1161", "가", "ж", "क", "α", "日", ""}))
		for range 1 + g.r.IntN(70) {
			b.WriteString(g.pick(marks))
		}
		return b.String()
	}
}

func (g *gen) text() string {
	g.b.Reset()
	n := g.r.IntN(40)
	if g.r.IntN(20) == 0 {
		n = 100 + g.r.IntN(100) // long posts, over the limit
	}
	for i := 0; i < n; i++ {
		if i > 0 && g.r.IntN(3) != 0 {
			g.b.WriteString(g.pick(space))
		}
		g.b.WriteString(g.piece())
	}
	return g.b.String()
}
