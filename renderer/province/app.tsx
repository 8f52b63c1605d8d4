// Who is logged in: asks the server once at start; any 401 later sends the user back to login.
import { Center, Loader } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { provinceApi, setUnauthenticatedHandler } from './api';
import { LoginScreen } from './login';
import { Shell } from './shell';

export interface ProvinceUser {
  readonly username: string;
  readonly displayName: string;
}

export function ProvinceApp() {
  const [user, setUser] = useState<ProvinceUser | null>(null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setUser(null);
      setNotice('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    });
    provinceApi.me().then(
      (me) => {
        setUser(me);
        setChecked(true);
      },
      () => setChecked(true),
    );
  }, []);

  const logout = useCallback(async () => {
    await provinceApi.logout().catch(() => undefined);
    setNotice(null);
    setUser(null);
  }, []);

  if (!checked) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Đang tải" />
      </Center>
    );
  }
  if (!user) {
    return (
      <LoginScreen
        notice={notice}
        onLogin={(u) => {
          setNotice(null);
          setUser(u);
        }}
      />
    );
  }
  return <Shell user={user} onLogout={() => void logout()} />;
}
