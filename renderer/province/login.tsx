// Đăng nhập: a province user (Sở KH&CN staff) with username and password.
import { LoginForm } from '../src/components/login-form';
import { AuthFrame } from '../src/screens/auth-frame';
import { errorText, provinceApi } from './api';
import type { ProvinceUser } from './app';

export function LoginScreen({
  notice,
  onLogin,
}: {
  readonly notice: string | null;
  readonly onLogin: (user: ProvinceUser) => void;
}) {
  return (
    <AuthFrame
      brand="ISO Xã · Bảng điều khiển của tỉnh"
      title="Đăng nhập"
      subtitle="Dành cho cán bộ Sở Khoa học và Công nghệ theo dõi các xã, phường."
    >
      <LoginForm
        notice={notice}
        errorText={errorText}
        login={async (username, password) =>
          onLogin(await provinceApi.login(username.trim(), password))
        }
      />
    </AuthFrame>
  );
}
