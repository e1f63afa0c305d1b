// Package output prints lint results and the other commands' facts in the
// formats users and scripts read: text for people, versioned JSON for
// scripts, SARIF for code-scanning tools and GitHub Actions workflow
// commands for pull-request annotations.
//
// Every printer writes through its own wire types, never the engine's, so
// the formats stay stable while the engine changes, and every printer is
// deterministic: the same results print the same bytes.
package output
