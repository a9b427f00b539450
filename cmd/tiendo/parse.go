package main

import (
	"context"
	"errors"
	"io"
)

// cmdParse is a placeholder until the directive parser lands.
func cmdParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("parse: chưa có")
}
