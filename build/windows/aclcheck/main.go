//go:build windows

// Command aclcheck prints the owner and access list of each file it is
// given in SDDL form, plus the SID of the user running it. The package smoke
// test runs it under Wine to check that ChurnDesk's data folder and database
// file are open to their owner only; it is not part of any artefact.
package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

func main() {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		fmt.Fprintln(os.Stderr, "aclcheck: current user:", err)
		os.Exit(1)
	}
	fmt.Printf("user\t%s\n", user.User.Sid)
	for _, path := range os.Args[1:] {
		sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
			windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
		if err != nil {
			fmt.Fprintf(os.Stderr, "aclcheck: %s: %v\n", path, err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%s\n", path, sd)
	}
}
