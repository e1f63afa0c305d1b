package lint

import (
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
	var tok struct {
		AccessToken  string    `json:"access_token"`
		RefreshToken string    `json:"refresh_token"`
		Expiry       time.Time `json:"expiry"`
		ClientID     string    `json:"client_id"`
		Revoked      bool      `json:"revoked"`
	}
	// The decoder's own messages can quote the input; report only where.
	if err := json.Unmarshal(data, &tok); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &ConfigError{path, fmt.Errorf("credentials file is not valid JSON (at byte %d)", se.Offset)}
		}
		return nil, &ConfigError{path, errors.New("credentials file is not a JSON token object")}
	}
	c.Empty = tok.AccessToken == ""
	c.Expiry = tok.Expiry
	c.Refreshable = tok.RefreshToken != ""
	c.Revoked = tok.Revoked
	c.ClientID = tok.ClientID
	return c, nil
}
