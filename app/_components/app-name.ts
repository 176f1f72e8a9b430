export const APP_NAME = "UserData";
