package main

import (
	"context"
	"errors"
	"io"
)

// cmdAudit is a placeholder until the command lands.
func cmdAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return errors.New("lệnh này chưa có")
}
