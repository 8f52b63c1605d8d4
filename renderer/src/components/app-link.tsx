// A link to one of the app's screens: a real href (opens with a middle click, shows on hover)
// that moves within the app on a plain click.
import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';

export function AppLink({
  to,
  children,
  ...rest
}: AnchorProps & { readonly to: string; readonly children: ReactNode }) {
  const [, navigate] = useLocation();
  return (
    <Anchor
      href={`#${to}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </Anchor>
  );
}
