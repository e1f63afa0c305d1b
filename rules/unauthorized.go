package rules

import (
	"time"

	"github.com/xlint/xlint/lint"
)

// Unauthorized predicts a 401 from the state of the stored token.
var Unauthorized = &lint.Rule{
	ID:          "unauthorized",
	Codes:       []string{"unauthorized"},
	Severity:    lint.Error,
	Credentials: true,
	Doc: lint.Doc{
		Title: "the stored token is missing, empty, expired with no refresh token, or revoked",
		Text:  "With `credentials` set in the config, xlint reads the token file (as golang.org/x/oauth2 writes it, plus `client_id` and `revoked`) and predicts X's 401 before posting: when the file is missing, holds no access token, expired before the post's time with no refresh token to renew it, or is marked `revoked: true`. The token itself is never printed.",
		Fix:   "authorize the account again and store the new token",
	},
	Run: func(pass *lint.Pass) error {
		c := pass.Env.Credentials
		if c == nil {
			return nil
		}
		var msg string
		switch {
		case c.Missing:
			msg = "credentials file " + c.File + " does not exist"
		case c.Revoked:
			msg = "the token in " + c.File + " is marked revoked"
		case c.Empty:
			msg = "credentials file " + c.File + " holds no access token"
		case !c.Expiry.IsZero() && !c.Expiry.After(pass.Post.At) && !c.Refreshable:
			msg = "the token in " + c.File + " expired at " + c.Expiry.UTC().Format(time.RFC3339) + " and there is no refresh token"
		default:
			return nil
		}
		pass.Reportf("unauthorized", pass.Post.FirstLine(), "", "%s", msg)
		return nil
	},
}
