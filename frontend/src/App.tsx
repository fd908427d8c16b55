import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './shell/Layout';
import { routes } from './routes';

/** App is the router: every screen lives inside the shell layout. */
export function App() {
  return (
    <HashRouter>
      <Routes>
        <Route element={<Layout />}>
          {routes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
