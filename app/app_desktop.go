//go:build desktop || dev || bindings

package app

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	churnapi "churndesk/backend/api"
	"churndesk/backend/boot"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

//go:embed appicon.png
var icon []byte

// Run opens the backend at opts.DSN and shows the desktop window until the
// user closes it; the backend is closed on the way out.
func Run(opts Options) error {
	if opts.Assets == nil {
		return errors.New("desktop: no frontend assets")
	}
	// A window already open on the same data comes to the front instead;
	// this copy quits without opening the database.
	if handOver(InstanceID(opts.DSN)) {
		slog.Info("ChurnDesk is already open on this data: brought its window to the front", "db", opts.DSN)
		return nil
	}
	ctx := context.Background()
	backend, err := boot.Open(ctx, opts.DSN)
	if err != nil {
		return fmt.Errorf("desktop: open database: %w", err)
	}
	// Notifications, the daily refresh and the weekly retraining run while
	// the window is open.
	background, stopBackground := context.WithCancel(ctx)
	defer stopBackground()
	runBackground(background, backend, refreshDelay, slog.Default())
	ready := newReadyMarker(os.Getenv(ReadyFileEnv))
	// Only the window's own pages reach this handler (no port is opened);
	// the same origin and content-type rules as serve apply all the same.
	api := ready.wrap(churnapi.Protect(churnapi.DesktopPolicy(), backend.API()))
	native := &App{}
	var (
		closeOnce sync.Once
		closeErr  error
	)
	closeBackend := func() {
		closeOnce.Do(func() {
			stopBackground()
			closeErr = backend.Close()
		})
	}
	err = wails.Run(&options.App{
		Title:            "ChurnDesk",
		Width:            1280,
		Height:           820,
		MinWidth:         960,
		MinHeight:        600,
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
		AssetServer: &assetserver.Options{
			Assets:     opts.Assets,
			Handler:    api,
			Middleware: apiFirst(api),
		},
		// A second window on the same data brings this one to the front
		// and quits instead of opening the file a second time.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               InstanceID(opts.DSN),
			OnSecondInstanceLaunch: native.toFront,
		},
		Bind:       []interface{}{native},
		OnStartup:  native.startup,
		OnDomReady: func(context.Context) { ready.domLoaded() },
		OnShutdown: func(context.Context) { closeBackend() },
		Linux: &linux.Options{
			ProgramName: "churndesk",
			Icon:        icon,
			// Wails' own default (wails#2977): GPU compositing shows blank
			// windows with some graphics drivers.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
	})
	closeBackend()
	if err != nil {
		return fmt.Errorf("desktop: %w", err)
	}
	if closeErr != nil {
		return fmt.Errorf("desktop: close database: %w", closeErr)
	}
	return nil
}

// App holds the native functions the frontend calls as
// window.go.app.App.<Method>: only what a webview cannot do itself.
type App struct {
	ctx   context.Context
	saved savedPaths
}

// Wails itself quits cleanly on SIGINT/SIGTERM (OnShutdown closes the database).
func (a *App) startup(ctx context.Context) { a.ctx = ctx }

// toFront shows this window above the others when a second copy of the
// app was started on the same data.
func (a *App) toFront(options.SecondInstanceData) {
	if a.ctx == nil {
		return
	}
	slog.Info("a second copy was started on the same data: bringing this window to the front")
	wruntime.WindowUnminimise(a.ctx)
	wruntime.Show(a.ctx)
	wruntime.WindowSetAlwaysOnTop(a.ctx, true)
	wruntime.WindowSetAlwaysOnTop(a.ctx, false)
}

// SaveFile asks where to save a file (native dialog, suggestedName
// pre-filled), writes the base64-decoded data there with mode 0600 and
// returns the path, or "" when the user cancelled.
func (a *App) SaveFile(suggestedName string, base64Data string) (string, error) {
	name := filepath.Base(strings.TrimSpace(suggestedName))
	if name == "." || name == string(filepath.Separator) {
		name = ""
	}
	dlg := wruntime.SaveDialogOptions{
		Title:                "Save",
		DefaultFilename:      name,
		CanCreateDirectories: true,
	}
	if home, err := os.UserHomeDir(); err == nil {
		if st, err := os.Stat(home); err == nil && st.IsDir() {
			dlg.DefaultDirectory = home
		}
	}
	if ext := filepath.Ext(name); ext != "" {
		dlg.Filters = []wruntime.FileFilter{{DisplayName: strings.ToUpper(ext[1:]) + " (*" + ext + ")", Pattern: "*" + ext}}
	}
	path, err := wruntime.SaveFileDialog(a.ctx, dlg)
	if err != nil {
		return "", fmt.Errorf("save file: %w", err)
	}
	if path == "" {
		return "", nil
	}
	if err := writeBase64File(path, base64Data); err != nil {
		return "", err
	}
	a.saved.add(path)
	return path, nil
}

// OpenFile shows the native open dialog with title and a file pattern such
// as "*.csv" or "*.csv;*.txt" and returns the chosen file, or nil when the
// user cancelled.
func (a *App) OpenFile(title string, pattern string) (*OpenedFile, error) {
	dlg := wruntime.OpenDialogOptions{Title: title}
	if p := strings.TrimSpace(pattern); p != "" {
		dlg.Filters = []wruntime.FileFilter{{DisplayName: p, Pattern: p}}
	}
	path, err := wruntime.OpenFileDialog(a.ctx, dlg)
	if err != nil {
		return nil, fmt.Errorf("open file: %w", err)
	}
	if path == "" {
		return nil, nil
	}
	return readBase64File(path)
}

// OpenPath opens a file saved with SaveFile in this session with the OS's
// default application for it.
func (a *App) OpenPath(path string) error {
	if err := a.saved.check(path); err != nil {
		return err
	}
	return openWithOS(path)
}
