package main

import (
	"context"
	"errors"
	"io"
)

// cmdBackup is a placeholder until the command lands.
func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return errors.New("lệnh này chưa có")
}

// cmdRestore is a placeholder until the command lands.
func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return errors.New("lệnh này chưa có")
}
