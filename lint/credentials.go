package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/xlint/xlint/internal/regular"
)

// Credentials is what xlint knows of the stored OAuth token. The token
// itself is never kept: nothing here can print it.
type Credentials struct {
	// File is the credentials file's path.
	File string
	// Missing is true when the file does not exist.
	Missing bool
	// Empty is true when the file holds no access token.
	Empty bool
	// Expiry is when the access token expires; zero means never.
	Expiry time.Time
	// Refreshable is true when a refresh token is stored.
	Refreshable bool
	// Revoked is true when the file marks the token revoked.
	Revoked bool
	// ClientID is the client the token was minted for, when recorded.
	ClientID string
}

// maxCredentialsSize bounds a credentials file.
const maxCredentialsSize = 1 << 20

// LoadCredentials reads a token file as golang.org/x/oauth2 writes it,
// plus client_id and revoked. A missing file is not an error (it is what
// the unauthorized rule reports); a file that is not JSON, or not a file,
// is a configuration error naming the file but never its content.
func LoadCredentials(path string) (*Credentials, error) {
	c := &Credentials{File: path}
	f, _, err := regular.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		c.Missing = true
		return c, nil
	}
	if errors.Is(err, regular.ErrNotRegular) {
		return nil, &ConfigError{path, errors.New("credentials file is not a regular file")}
	}
	if err != nil {
		return nil, &ConfigError{path, errors.New("credentials file cannot be read")}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCredentialsSize+1))
	if err != nil {
		return nil, &ConfigError{path, errors.New("credentials file cannot be read")}
	}
	if len(data) > maxCredentialsSize {
		return nil, &ConfigError{path, fmt.Errorf("credentials file is larger than %d bytes", maxCredentialsSize)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		c.Empty = true // no token at all: what unauthorized reports
		return c, nil
	}
	var tok struct {
		AccessToken  string          `json:"access_token"`
		RefreshToken string          `json:"refresh_token"`
		Expiry       json.RawMessage `json:"expiry"`
		ClientID     string          `json:"client_id"`
		Revoked      *bool           `json:"revoked"`
	}
	// The decoder's own messages can quote the input; report only where,
	// or which field.
	if err := json.Unmarshal(data, &tok); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, &ConfigError{path, fmt.Errorf("credentials file is not valid JSON (at byte %d)", se.Offset)}
		case errors.As(err, &te) && te.Field == "revoked":
			return nil, &ConfigError{path, fmt.Errorf("credentials file: revoked must be true or false, not a %s", te.Value)}
		case errors.As(err, &te) && te.Field != "":
			return nil, &ConfigError{path, fmt.Errorf("credentials file: %s must be a string, not a %s", te.Field, te.Value)}
		}
		return nil, &ConfigError{path, errors.New("credentials file is not a JSON token object")}
	}
	if len(tok.Expiry) > 0 && string(tok.Expiry) != "null" {
		if err := json.Unmarshal(tok.Expiry, &c.Expiry); err != nil {
			return nil, &ConfigError{path, errors.New("credentials file: expiry must be an RFC 3339 time, such as 2026-12-01T09:30:00Z")}
		}
	}
	c.Empty = tok.AccessToken == ""
	c.Refreshable = tok.RefreshToken != ""
	c.Revoked = tok.Revoked != nil && *tok.Revoked
	c.ClientID = tok.ClientID
	return c, nil
}
