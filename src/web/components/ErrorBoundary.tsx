import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import i18n from '../i18n/index.ts';

interface State {
  error: Error | null;
}

/**
 * Catches a page that failed to render or to load, typically a lazy chunk
 * gone after a new version was deployed; reloading fetches the new one.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    // Navigating elsewhere gives the next page a fresh start.
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // An Alert, not a Result: Result's illustrations would weigh on the login page, which sits under this too.
    return (
      <div style={{ padding: 24 }}>
        <Alert
          type="warning"
          showIcon
          title={i18n.t('errors.crashed')}
          description={this.state.error.message}
          action={
            <Button type="primary" onClick={() => window.location.reload()}>
              {i18n.t('app.reload')}
            </Button>
          }
        />
      </div>
    );
  }
}
