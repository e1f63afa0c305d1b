// Package lint is xlint's engine: the post model, the rule and finding
// types, the catalog of X's error codes, the configuration, and the engine
// that runs rules over posts and predicts which error X would return.
//
// A caller builds [Post] values (or reads them with package draft), makes
// an [Engine] from a [Config] and a rule set (package rules), and calls
// [Engine.Check]. Nothing here prints or exits; findings are plain data and
// errors mean a post could not be checked.
package lint
