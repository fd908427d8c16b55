import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Modal, Text } from '@mantine/core';
import { FormFooter } from './FormFooter';

/** ConfirmOptions describe a yes/no question before something irreversible. */
export interface ConfirmOptions {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
}

type Confirm = (opts: ConfirmOptions) => Promise<boolean>;

const ConfirmContext = createContext<Confirm>(() => Promise.resolve(false));

/** ModalsProvider offers useConfirm() to every screen below it. */
export function ModalsProvider({ children }: { children: ReactNode }) {
  const [opts, setOpts] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<(ok: boolean) => void>(() => {});
  const confirm = useCallback<Confirm>((o) => {
    setOpts(o);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const close = (ok: boolean) => {
    resolver.current(ok);
    setOpts(null);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <Modal opened={opts !== null} onClose={() => close(false)} title={opts?.title} data-testid="confirm-modal">
        <Text size="sm">{opts?.body}</Text>
        <FormFooter mt="lg" color={opts?.danger ? 'red' : undefined} submitLabel={opts?.confirmLabel ?? ''} onSubmit={() => close(true)} onCancel={() => close(false)} submitTestId="confirm-ok" />
      </Modal>
    </ConfirmContext.Provider>
  );
}

/** useConfirm asks the user a question in a modal and resolves to their answer. */
export function useConfirm(): Confirm {
  return useContext(ConfirmContext);
}
