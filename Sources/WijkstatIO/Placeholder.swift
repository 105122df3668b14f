import GDALBridge
import WijkstatCore
