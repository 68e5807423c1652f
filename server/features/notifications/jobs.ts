// The notification jobs, registered with the outbox when the server boots.
import './send-notification.job';
import './digest';
import './notifications-tick.job';
