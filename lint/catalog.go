package lint

import (
	"slices"
	"strings"
)

// Categories group codes as X's error responses do.
const (
	Authentication = "Authentication"
	RateLimit      = "Rate limit"
	MediaCategory  = "Media"
	Content        = "Content"
)

// Code is an entry of the catalog: one error X returns, or one xlint
// predicts it would.
type Code struct {
	// Code is the exact string findings carry.
	Code string
	// Status is the HTTP status X answers with.
	Status int
	// Category is X's category: Authentication, Rate limit, Media, Content.
	Category string
	// Aliases are other names for the code (X's numeric codes, response
	// texts) that `xlint explain` accepts.
	Aliases []string
	// Message is what X's response says, where known.
	Message string
	// Why says when X returns it.
	Why string
	// Fix says how to avoid it.
	Fix string
	// Catalog is true for the twelve codes of the contract's catalog.
	Catalog bool
	// ResponseOf names the code whose response text this entry is; such an
	// entry is never raised on its own.
	ResponseOf string
}

const invalidRequest = "One or more parameters to your request was invalid."

// Codes is the catalog, catalog codes first, then the codes beyond it.
var Codes = []Code{
	{Code: "unauthorized", Status: 401, Category: Authentication, Catalog: true,
		Aliases: []string{"Unauthorized", "89", "Invalid or expired token"},
		Message: "Unauthorized",
		Why:     "The stored OAuth token is missing, empty, expired with no refresh token to renew it, or was revoked, so X refuses the request before looking at the post.",
		Fix:     "authorize the account again and store the new token, or refresh it before posting"},
	{Code: "invalid credentials", Status: 401, Category: Authentication, Catalog: true,
		Aliases: []string{"32", "Could not authenticate you"},
		Message: "Could not authenticate you",
		Why:     "The token was minted for another OAuth client (client id or secret) than the one the app now uses, for example after the app's keys were regenerated.",
		Fix:     "authorize the account again with the app's current client id and secret"},
	{Code: "usage-capped", Status: 429, Category: RateLimit, Catalog: true,
		Aliases: []string{"UsageCapExceeded", "Usage cap exceeded"},
		Message: "Usage cap exceeded: Monthly product cap",
		Why:     "The API tier allows a number of posts per calendar month (UTC) for the app; this post would go past it.",
		Fix:     "wait for the first of next month (UTC), or move the app to a higher tier"},
	{Code: "usage cap", Status: 429, Category: RateLimit, Catalog: true,
		Aliases: []string{"Too Many Requests", "88", "Rate limit exceeded"},
		Message: "Too Many Requests",
		Why:     "The API tier allows a number of posts per rolling window (24 hours or 15 minutes), per user and per app; this post would go past one of them.",
		Fix:     "schedule the post after the window frees up, or move the app to a higher tier"},
	{Code: "you have already posted this", Status: 403, Category: Content, Catalog: true,
		Aliases: []string{"187", "Status is a duplicate"},
		Message: "You are not allowed to create a Tweet with duplicate content.",
		Why:     "X refuses a post whose text the same account already posted recently.",
		Fix:     "change the text, or wait until the earlier post is out of the window"},
	{Code: "duplicate", Status: 403, Category: Content, Catalog: true,
		Message: "You are not allowed to create a Tweet with duplicate content.",
		Why:     "X compares posts after ignoring case, spacing, punctuation, emoji, invisible characters and tracking parameters in links, so a post that differs from a recent one of the same account only in those is still a duplicate.",
		Fix:     "say something new: rewording the text, not its punctuation or emoji, is what counts"},
	{Code: "duplicate-rules", Status: 403, Category: Content, Catalog: true,
		Aliases: []string{"226", "automated"},
		Message: "This request looks like it might be automated. To protect our users from spam and other malicious activity, we can't complete this action right now.",
		Why:     "X's automation rules forbid posting the same or nearly the same text from several accounts, or many near-identical posts in quick succession.",
		Fix:     "post distinct text from each account, and space near-identical posts out"},
	{Code: "invalid url", Status: 403, Category: Content, Catalog: true,
		Aliases: []string{"url-shortener"},
		Why:     "X refuses links through third-party URL shorteners, which hide where a link goes and are widely used for spam.",
		Fix:     "link to the destination directly (X shortens every link with t.co anyway)"},
	{Code: "The Tweet contains an invalid URL", Status: 403, Category: Content, Catalog: true,
		Aliases: []string{"url-blocked"},
		Message: "The Tweet contains an invalid URL.",
		Why:     "X refuses links to domains it has blocked for spam, malware or abuse.",
		Fix:     "remove the link or point it at another site"},
	{Code: "video longer than 2 minutes", Status: 403, Category: MediaCategory, Catalog: true,
		Aliases: []string{"This user is not allowed to post a video longer than 2 minutes"},
		Message: "This user is not allowed to post a video longer than 2 minutes",
		Why:     "Accounts without a Premium subscription may post videos of at most 2 minutes 20 seconds (140 s).",
		Fix:     "trim the clip to 2:20 or less, or post from a Premium account"},
	{Code: "video length", Status: 403, Category: MediaCategory, Catalog: true,
		Why: "Videos must last at least 0.5 s, and at most the plan's maximum (3 hours on Premium plans).",
		Fix: "trim or extend the video to the plan's range"},
	{Code: "This user is not allowed to post a video longer than 2 minutes", Status: 403, Category: MediaCategory, Catalog: true,
		ResponseOf: "video longer than 2 minutes",
		Message:    "This user is not allowed to post a video longer than 2 minutes",
		Why:        "X's response text for `video longer than 2 minutes`: accounts without a Premium subscription may post videos of at most 140 s.",
		Fix:        "trim the clip to 2:20 or less, or post from a Premium account"},

	{Code: "text too long", Status: 403, Category: Content,
		Aliases: []string{"186", "Tweet needs to be a bit shorter"},
		Message: "Tweet needs to be a bit shorter.",
		Why:     "X counts a post's length with twitter-text: after NFC normalisation each link counts 23, each emoji 2, and characters outside the Latin ranges 2; the total may not exceed 280 (25,000 on Premium plans).",
		Fix:     "shorten the text, or split it into a thread"},
	{Code: "empty post", Status: 400, Category: Content,
		Message: invalidRequest,
		Why:     "A post needs text or media; X refuses one whose text is empty or only white space and that has no media.",
		Fix:     "write the post's text or attach media"},
	{Code: "invalid characters", Status: 400, Category: Content,
		Message: invalidRequest,
		Why:     "twitter-text treats U+FFFE, U+FEFF and U+FFFF as invalid, and X refuses text that contains them; they usually come from a copied byte-order mark.",
		Fix:     "delete the invisible character"},
	{Code: "too many urls", Status: 403, Category: Content,
		Why: "X refuses a post with more than 10 links.",
		Fix: "keep at most 10 links, or split the post into a thread"},
	{Code: "too many mentions", Status: 403, Category: Content,
		Why: "X refuses a post that mentions more than 50 accounts.",
		Fix: "mention at most 50 accounts"},
	{Code: "too many cashtags", Status: 403, Category: Content,
		Why: "X refuses a post with more than one cashtag ($TICKER), a pattern used by financial spam.",
		Fix: "keep a single cashtag and write the other symbols without $"},
	{Code: "too many media", Status: 400, Category: MediaCategory,
		Message: "Your media IDs are invalid.",
		Why:     "A post carries at most 4 images, or 1 video, or 1 GIF.",
		Fix:     "attach at most 4 images, or a single video or GIF, and move the rest to a reply"},
	{Code: "mixed media", Status: 400, Category: MediaCategory,
		Message: "Your media IDs are invalid.",
		Why:     "A video or a GIF cannot share a post with other media.",
		Fix:     "post the video or GIF on its own, and the images in a reply"},
	{Code: "unsupported media", Status: 400, Category: MediaCategory,
		Message: "Your media IDs are invalid.",
		Why:     "X takes JPEG, PNG, WebP and GIF images and MP4 or MOV videos; other files are refused at upload.",
		Fix:     "convert the file to MP4 (H.264/AAC), JPEG, PNG, WebP or GIF"},
	{Code: "media not found", Status: 400, Category: MediaCategory,
		Message: "Your media IDs are invalid.",
		Why:     "A media file named by the draft does not exist or is not a regular file, so it cannot be uploaded.",
		Fix:     "fix the path (it is relative to the draft's folder) or add the file"},
	{Code: "image too large", Status: 400, Category: MediaCategory,
		Message: "File size exceeds 5242880 bytes.",
		Why:     "Images (JPEG, PNG, WebP) may be at most 5 MB.",
		Fix:     "compress or scale the image below 5 MB"},
	{Code: "gif too large", Status: 400, Category: MediaCategory,
		Message: "File size exceeds 15728640 bytes.",
		Why:     "GIFs may be at most 15 MB.",
		Fix:     "reduce the GIF's frames, size or colours, or post it as an MP4 video"},
	{Code: "video too large", Status: 400, Category: MediaCategory,
		Message: "File size exceeds 536870912 bytes.",
		Why:     "Videos may be at most 512 MB.",
		Fix:     "re-encode the video at a lower bitrate"},
	{Code: "video format", Status: 400, Category: MediaCategory,
		Why: "X recommends H.264 video with AAC-LC audio, 32x32 to 1920x1200, an aspect ratio from 1:3 to 3:1 and at most 60 fps; videos outside these may be refused or fail in processing.",
		Fix: "re-encode with H.264 and AAC-LC inside X's limits (e.g. ffmpeg -c:v libx264 -c:a aac -r 30)"},
	{Code: "xlint-ignore", Status: 0, Category: "xlint",
		Why: "An xlint-ignore directive needs a reason, and should match a finding; otherwise it hides nothing or hides it silently.",
		Fix: "give the ignore a reason, or delete it"},
}

var codeIndex = func() map[string]*Code {
	m := make(map[string]*Code)
	for i := range Codes {
		c := &Codes[i]
		m[strings.ToLower(c.Code)] = c
	}
	for i := range Codes {
		c := &Codes[i]
		for _, a := range c.Aliases {
			if _, ok := m[strings.ToLower(a)]; !ok {
				m[strings.ToLower(a)] = c
			}
		}
	}
	return m
}()

// LookupCode finds a code by its exact string or an alias, ignoring case.
// It returns a copy of the catalog entry, Aliases included: changing it
// does not change the catalog.
func LookupCode(s string) (*Code, bool) {
	c, ok := lookupCode(s)
	if !ok {
		return nil, false
	}
	cp := *c
	cp.Aliases = slices.Clone(c.Aliases)
	return &cp, true
}

// lookupCode is LookupCode without the copy, for the engine, which looks
// up every finding's code and changes none.
func lookupCode(s string) (*Code, bool) {
	c, ok := codeIndex[strings.ToLower(strings.TrimSpace(s))]
	return c, ok
}
