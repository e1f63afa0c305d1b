package rules

import "github.com/xlint/xlint/lint"

// InvalidCredentials predicts a 401 when the token belongs to another
// OAuth client than the app's current one.
var InvalidCredentials = &lint.Rule{
	ID:          "invalid-credentials",
	Codes:       []string{"invalid credentials"},
	Severity:    lint.Error,
	Credentials: true,
	Doc: lint.Doc{
		Title: "the stored token was minted for another OAuth client than the configured one",
		Text:  "A token works only with the client (client id and secret) that obtained it. When the config's `client_id` differs from the `client_id` recorded in the token file, as after the app's keys were regenerated, X refuses it.",
		Fix:   "authorize the account again with the app's current client id",
	},
	Run: func(pass *lint.Pass) error {
		c := pass.Env.Credentials
		want := pass.Config.ClientID
		// With no token there is nothing minted for any client: unauthorized says so.
		if c == nil || c.Missing || c.Empty || c.ClientID == "" || want == "" || c.ClientID == want {
			return nil
		}
		pass.Reportf("invalid credentials", pass.Post.FirstLine(), "",
			"the token in %s was minted for client id %s; the app's client id is %s", c.File, c.ClientID, want)
		return nil
	},
}
